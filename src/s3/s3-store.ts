/**
 * The {@link TrailStore} of an S3 bucket, over a caller's AWS SDK v3 `S3Client`. The command
 * classes are loaded from `@aws-sdk/client-s3` (an optional peer dependency) on first use.
 *
 * @module
 */
import type { LogBody } from '../stream/index.js';
import { abortError, isNotFound, type RetryOptions, withRetry } from './retry.js';
import { countingBody, type StoredBody, type StoredObject, type TrailStore } from './store.js';

/**
 * The part of an AWS SDK v3 `S3Client` that is used: `send` with an `abortSignal` option.
 * Pass `new S3Client({...})` from `@aws-sdk/client-s3` (credentials, region and endpoint are the
 * client's business).
 */
export interface S3ClientLike {
  /** Sends a command (`ListObjectsV2Command`, `GetObjectCommand`). */
  send(command: never, options?: { abortSignal?: AbortSignal }): Promise<unknown>;
}

interface ListOutput {
  Contents?: { Key?: string; Size?: number }[];
  CommonPrefixes?: { Prefix?: string }[];
  IsTruncated?: boolean;
  NextContinuationToken?: string;
}
interface GetOutput {
  Body?: LogBody;
  Metadata?: Record<string, string>;
}
interface Commands {
  ListObjectsV2Command: new (input: Record<string, unknown>) => unknown;
  GetObjectCommand: new (input: Record<string, unknown>) => unknown;
}

let commands: Promise<Commands> | undefined;

/** `@aws-sdk/client-s3`'s command classes, imported once (a clear error when it is not installed). */
function loadCommands(): Promise<Commands> {
  commands ??= import('@aws-sdk/client-s3').then(
    (m) => m as unknown as Commands,
    (error: unknown) => {
      commands = undefined;
      throw new Error('cloudtrail-chime/s3 needs @aws-sdk/client-s3: npm install @aws-sdk/client-s3', {
        cause: error,
      });
    },
  );
  return commands;
}

/** @internal What an S3 store reports while it works. */
export interface S3StoreEvents {
  /** Bytes of object bodies read. */
  onBytes?: ((bytes: number) => void) | undefined;
  /** Every request sent (retries included). */
  onRequest?: (() => void) | undefined;
  /** Every retry of a throttled or failed request. */
  onRetry?: ((error: unknown) => void) | undefined;
}

/** @internal A {@link TrailStore} over an `S3Client`. */
export function s3Store(
  client: S3ClientLike,
  bucket: string,
  retry: RetryOptions | undefined,
  events: S3StoreEvents = {},
): TrailStore {
  if (typeof client?.send !== 'function') throw new TypeError('client must be an S3Client (an object with send)');
  if (typeof bucket !== 'string' || bucket === '') throw new TypeError('bucket must be a bucket name');
  const send = async <T>(make: (c: Commands) => unknown, signal: AbortSignal | undefined): Promise<T> => {
    const c = await loadCommands();
    return withRetry(
      async () => {
        events.onRequest?.();
        return (await client.send(make(c) as never, signal ? { abortSignal: signal } : undefined)) as T;
      },
      retry,
      signal,
      events.onRetry,
    );
  };
  const list = async (prefix: string, delimiter: boolean, signal: AbortSignal | undefined) => {
    const pages: ListOutput[] = [];
    let token: string | undefined;
    do {
      const input: Record<string, unknown> = { Bucket: bucket, Prefix: prefix };
      if (delimiter) input.Delimiter = '/';
      if (token) input.ContinuationToken = token;
      const page = await send<ListOutput>((c) => new c.ListObjectsV2Command(input), signal);
      pages.push(page);
      token = page.IsTruncated ? page.NextContinuationToken : undefined;
    } while (token);
    return pages;
  };
  return {
    bucket,
    async listPrefixes(prefix, signal) {
      const pages = await list(prefix, true, signal);
      return pages.flatMap((p) => (p.CommonPrefixes ?? []).flatMap((c) => (c.Prefix ? [c.Prefix] : [])));
    },
    async listObjects(prefix, signal): Promise<StoredObject[]> {
      const pages = await list(prefix, false, signal);
      return pages.flatMap((p) => (p.Contents ?? []).flatMap((o) => (o.Key ? [{ key: o.Key, size: o.Size }] : [])));
    },
    async getObject(objectBucket, key, signal): Promise<StoredBody | undefined> {
      try {
        const out = await send<GetOutput>((c) => new c.GetObjectCommand({ Bucket: objectBucket, Key: key }), signal);
        if (out.Body === undefined) return { body: new Uint8Array(0), signature: out.Metadata?.signature };
        return { body: countingBody(out.Body, events.onBytes), signature: out.Metadata?.signature };
      } catch (error) {
        if (signal?.aborted) throw abortError(signal);
        if (isNotFound(error)) return undefined;
        throw error;
      }
    },
  };
}
