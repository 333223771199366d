/**
 * Turns every {@link LogBody} kind into one pull-based async sequence of byte chunks, and makes
 * sure the source is cancelled (web streams) or destroyed (Node streams, via the async
 * iterator's `return`) when the consumer stops early or the signal aborts.
 *
 * @internal
 * @module
 */
import { CloudTrailParseError } from '../errors.js';
import type { LogBody, WebStreamSource } from './types.js';

const encoder = /* @__PURE__ */ new TextEncoder();
/** Blobs are read in slices of this size (Blob.stream() is not available everywhere). */
const BLOB_SLICE = 1 << 20;

const abortError = (signal: AbortSignal) =>
  new CloudTrailParseError('ABORTED', 'reading was aborted', { cause: signal.reason });

const isObject = (v: unknown): v is Record<PropertyKey, unknown> =>
  (typeof v === 'object' || typeof v === 'function') && v !== null;

function asBytes(chunk: unknown): Uint8Array {
  if (chunk instanceof Uint8Array) return chunk;
  if (typeof chunk === 'string') return encoder.encode(chunk);
  if (chunk instanceof ArrayBuffer) return new Uint8Array(chunk);
  if (ArrayBuffer.isView(chunk)) return new Uint8Array(chunk.buffer, chunk.byteOffset, chunk.byteLength);
  throw new CloudTrailParseError('NOT_A_LOG_FILE', `a body chunk must be bytes or a string, got ${typeOf(chunk)}`);
}

function typeOf(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'an array';
  if (isObject(v)) return `an object (${(v.constructor as { name?: string } | undefined)?.name ?? 'Object'})`;
  return typeof v;
}

/** Waits for `promise`, or rejects as soon as `signal` aborts (running `onAbort` first). */
function raceAbort<T>(promise: Promise<T>, signal: AbortSignal | undefined, onAbort: () => void): Promise<T> {
  if (!signal) return promise;
  return new Promise<T>((resolve, reject) => {
    const abort = () => {
      onAbort();
      reject(abortError(signal));
    };
    if (signal.aborted) return abort();
    signal.addEventListener('abort', abort, { once: true });
    promise.then(
      (v) => {
        signal.removeEventListener('abort', abort);
        resolve(v);
      },
      (e) => {
        signal.removeEventListener('abort', abort);
        reject(e);
      },
    );
  });
}

async function* fromReadableStream(stream: ReadableStream<unknown>, signal?: AbortSignal): AsyncGenerator<Uint8Array> {
  const reader = stream.getReader();
  let finished = false;
  try {
    for (;;) {
      if (signal?.aborted) throw abortError(signal);
      const { done, value } = await raceAbort(reader.read(), signal, () => {
        reader.cancel(signal?.reason).catch(() => {});
      });
      if (done) {
        finished = true;
        return;
      }
      yield asBytes(value);
    }
  } finally {
    if (!finished) await reader.cancel().catch(() => {});
    reader.releaseLock();
  }
}

async function* fromAsyncIterable(iterable: AsyncIterable<unknown>, signal?: AbortSignal): AsyncGenerator<Uint8Array> {
  const it = iterable[Symbol.asyncIterator]();
  let finished = false;
  try {
    for (;;) {
      if (signal?.aborted) throw abortError(signal);
      const r = await raceAbort(Promise.resolve(it.next()), signal, () => {
        Promise.resolve(it.return?.()).catch(() => {});
      });
      if (r.done) {
        finished = true;
        return;
      }
      yield asBytes(r.value);
    }
  } finally {
    if (!finished) await Promise.resolve(it.return?.()).catch(() => {});
  }
}

async function* fromBlob(blob: Blob, signal?: AbortSignal): AsyncGenerator<Uint8Array> {
  for (let at = 0; at < blob.size; at += BLOB_SLICE) {
    if (signal?.aborted) throw abortError(signal);
    const buf = await raceAbort(blob.slice(at, at + BLOB_SLICE).arrayBuffer(), signal, () => {});
    yield new Uint8Array(buf);
  }
}

async function* fromSync(iterable: Iterable<unknown>, signal?: AbortSignal): AsyncGenerator<Uint8Array> {
  for (const chunk of iterable) {
    if (signal?.aborted) throw abortError(signal);
    yield asBytes(chunk);
  }
}

async function* once(bytes: Uint8Array, signal?: AbortSignal): AsyncGenerator<Uint8Array> {
  if (signal?.aborted) throw abortError(signal);
  if (bytes.length > 0) yield bytes;
}

/** @internal The body as an async sequence of byte chunks (no copies where avoidable). */
export function toChunks(body: LogBody, signal?: AbortSignal): AsyncGenerator<Uint8Array> {
  if (typeof body === 'string') return once(encoder.encode(body), signal);
  if (body instanceof Uint8Array) return once(body, signal);
  if (body instanceof ArrayBuffer) return once(new Uint8Array(body), signal);
  if (ArrayBuffer.isView(body)) return once(new Uint8Array(body.buffer, body.byteOffset, body.byteLength), signal);
  if (typeof Blob !== 'undefined' && body instanceof Blob) return fromBlob(body, signal);
  if (isObject(body)) {
    if (typeof (body as ReadableStream).getReader === 'function')
      return fromReadableStream(body as ReadableStream, signal);
    if (typeof (body as WebStreamSource).transformToWebStream === 'function') {
      return fromReadableStream((body as WebStreamSource).transformToWebStream(), signal);
    }
    if (typeof (body as AsyncIterable<unknown>)[Symbol.asyncIterator] === 'function') {
      return fromAsyncIterable(body as AsyncIterable<unknown>, signal);
    }
    if (typeof (body as Iterable<unknown>)[Symbol.iterator] === 'function')
      return fromSync(body as Iterable<unknown>, signal);
  }
  throw new CloudTrailParseError(
    'NOT_A_LOG_FILE',
    `unsupported body: expected bytes, a Blob, a string, a stream or an iterable of chunks, got ${typeOf(body)}`,
  );
}

export { abortError };
