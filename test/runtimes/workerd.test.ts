/**
 * Cloudflare workerd (npm `workerd`): a Worker bundled from dist/ with esbuild, served by
 * `workerd serve` on 127.0.0.1. It runs the matrix's checks on its data modules, and reads log
 * files POSTed to it from the incoming request's body.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'esbuild';
import type { Fixtures } from './fixtures.js';
import { binaries, entry, runtimeSuite } from './suite.js';

const freePort = () =>
  new Promise<number>((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });

async function runWorker(fx: Fixtures): Promise<Record<string, unknown>> {
  const dir = mkdtempSync(join(tmpdir(), 'cloudtrail-chime-workerd-'));
  const { files } = fx.manifest;
  const external = [...Object.values(files), 'fixtures.json'];
  await build({
    entryPoints: [entry('worker.mjs')],
    bundle: true,
    format: 'esm',
    platform: 'browser',
    conditions: ['workerd', 'worker', 'browser'],
    external,
    outfile: join(dir, 'worker.js'),
    logLevel: 'silent',
  });
  for (const f of external) copyFileSync(join(fx.dir, f), join(dir, f));
  const port = await freePort();
  const data = Object.values(files)
    .map((f) => `(name = "${f}", data = embed "${f}")`)
    .join(', ');
  writeFileSync(
    join(dir, 'config.capnp'),
    `using Workerd = import "/workerd/workerd.capnp";
const config :Workerd.Config = (
  services = [(name = "main", worker = .worker)],
  sockets = [(name = "http", address = "127.0.0.1:${port}", http = (), service = "main")],
);
const worker :Workerd.Worker = (
  modules = [(name = "worker.js", esModule = embed "worker.js"), (name = "fixtures.json", json = embed "fixtures.json"), ${data}],
  compatibilityDate = "2025-09-01",
);
`,
  );
  let log = '';
  const child: ChildProcess = spawn(binaries.workerd, ['serve', join(dir, 'config.capnp')], { cwd: dir });
  child.stdout?.on('data', (d) => (log += d));
  child.stderr?.on('data', (d) => (log += d));
  try {
    const base = `http://127.0.0.1:${port}`;
    let answer: Response | undefined;
    for (let i = 0; i < 200 && !answer; i++) {
      if (child.exitCode !== null) break;
      answer = await fetch(`${base}/checks`).catch(() => undefined);
      if (!answer) await new Promise((r) => setTimeout(r, 100));
    }
    if (!answer) throw new Error(`workerd did not answer:\n${log}`);
    const { runtime, result } = (await answer.json()) as { runtime: string; result: Record<string, unknown> };
    console.log(`[${runtime}]`);
    for (const kind of ['Request.body', 'Request.arrayBuffer()']) {
      for (const file of ['gzip', 'plain'] as const) {
        const r = await fetch(`${base}/read?kind=${encodeURIComponent(kind)}`, {
          method: 'POST',
          body: readFileSync(join(fx.dir, files[file])),
        });
        result[`read ${file} from ${kind}`] = await r.json();
      }
    }
    return result;
  } finally {
    child.kill('SIGKILL');
    rmSync(dir, { recursive: true, force: true });
  }
}

runtimeSuite('workerd', {
  readKinds: ['Request.body', 'Request.arrayBuffer()', 'Response.body', 'Blob'],
  needs: [binaries.workerd],
  run: runWorker,
});
