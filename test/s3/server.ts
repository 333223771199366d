import { type ChildProcess, spawn } from 'node:child_process';
import { rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { S3Client } from '@aws-sdk/client-s3';
import { tempDir } from '../node/fixtures.js';

const here = dirname(fileURLToPath(import.meta.url));

/** A local S3 server (s3rver in a child process). */
export interface LocalS3 {
  endpoint: string;
  /** A client for it (path style, dummy keys, no request checksums: stream bodies work). */
  client(): S3Client;
  /** Kills the process and removes its folder. */
  stop(): Promise<void>;
  process: ChildProcess;
}

/** Starts s3rver on 127.0.0.1 on a free port, with the given buckets (CORS open for GET). */
export async function startLocalS3(buckets: string[]): Promise<LocalS3> {
  const dir = tempDir('ct-s3rver-');
  // s3rver encrypts ListObjectsV2 continuation tokens with DES, which OpenSSL 3 only has in its
  // legacy provider: without the flag every paginated listing fails with InternalError
  const child = spawn(
    process.execPath,
    ['--openssl-legacy-provider', join(here, 's3rver-child.mjs'), dir, ...buckets],
    {
      stdio: ['pipe', 'pipe', 'inherit'],
    },
  );
  const port = await new Promise<number>((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error('s3rver did not start within 20 s')), 20_000);
    child.stdout?.on('data', (d: Buffer) => {
      out += d.toString();
      const line = out.split('\n')[0];
      if (out.includes('\n') && line) {
        clearTimeout(timer);
        resolve((JSON.parse(line) as { port: number }).port);
      }
    });
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`s3rver exited early (code ${code})`));
    });
  });
  const endpoint = `http://127.0.0.1:${port}`;
  const clients: S3Client[] = [];
  return {
    endpoint,
    process: child,
    client() {
      const c = new S3Client({
        endpoint,
        region: 'us-east-1',
        forcePathStyle: true,
        credentials: { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' },
        requestChecksumCalculation: 'WHEN_REQUIRED',
      });
      clients.push(c);
      return c;
    },
    async stop() {
      for (const c of clients) c.destroy();
      if (child.exitCode === null && child.signalCode === null) {
        const exited = new Promise<void>((r) => child.once('exit', () => r()));
        child.kill('SIGTERM');
        const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
        await exited;
        clearTimeout(timer);
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
