/**
 * Turns every {@link LogBody} kind into one pull-based async sequence of byte chunks, and makes
 * sure the source is cancelled (web streams) or destroyed (Node streams, via the async
 * iterator's `return`) when the consumer stops early or the signal aborts.
 *
 * @internal
 * @module
 */
import { joinBytes } from '../bytes.js';
import { abortError } from '../errors.js';
import type { LogBody, WebStreamSource } from './types.js';

const encoder = /* @__PURE__ */ new TextEncoder();
/** Blobs are read in slices of this size (Blob.stream() is not available everywhere). */
const BLOB_SLICE = 1 << 20;

const isObject = (v: unknown): v is Record<PropertyKey, unknown> =>
  (typeof v === 'object' || typeof v === 'function') && v !== null;

/**
 * Turns chunks into bytes. A string chunk that ends in the first half of a surrogate pair keeps
 * it for the next chunk, so that a pair split between two chunks is encoded whole.
 */
class ChunkEncoder {
  #high = '';

  bytes(chunk: unknown): Uint8Array {
    if (typeof chunk === 'string') {
      let text = this.#high + chunk;
      this.#high = '';
      const last = text.charCodeAt(text.length - 1);
      if (last >= 0xd800 && last <= 0xdbff) {
        this.#high = text.slice(-1);
        text = text.slice(0, -1);
      }
      return encoder.encode(text);
    }
    const high = this.flush();
    const bytes = asBytes(chunk);
    return high.length === 0 ? bytes : joinBytes([high, bytes]);
  }

  /** A lone high surrogate left at the end (encoded as U+FFFD, as `TextEncoder` does). */
  flush(): Uint8Array {
    if (this.#high === '') return EMPTY;
    this.#high = '';
    return encoder.encode('\ud800');
  }
}

const EMPTY = new Uint8Array(0);

function asBytes(chunk: unknown): Uint8Array {
  if (chunk instanceof Uint8Array) return chunk;
  if (chunk instanceof ArrayBuffer) return new Uint8Array(chunk);
  if (ArrayBuffer.isView(chunk)) return new Uint8Array(chunk.buffer, chunk.byteOffset, chunk.byteLength);
  throw new TypeError(`cloudtrail-chime: a body chunk must be bytes or a string, got ${typeOf(chunk)}`);
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
  const chunks = new ChunkEncoder();
  let finished = false;
  try {
    for (;;) {
      if (signal?.aborted) throw abortError(signal);
      const r = await raceAbort(Promise.resolve(it.next()), signal, () => {
        Promise.resolve(it.return?.()).catch(() => {});
      });
      if (r.done) {
        finished = true;
        yield chunks.flush();
        return;
      }
      yield chunks.bytes(r.value);
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
  const chunks = new ChunkEncoder();
  for (const chunk of iterable) {
    if (signal?.aborted) throw abortError(signal);
    yield chunks.bytes(chunk);
  }
  yield chunks.flush();
}

async function* once(bytes: Uint8Array, signal?: AbortSignal): AsyncGenerator<Uint8Array> {
  if (signal?.aborted) throw abortError(signal);
  if (bytes.length > 0) yield bytes;
}

/** @internal A body already held in memory, as bytes (no copy), or `undefined` for other bodies. */
export function bytesOf(body: LogBody): Uint8Array | undefined {
  if (body instanceof Uint8Array) return body;
  if (body instanceof ArrayBuffer) return new Uint8Array(body);
  if (ArrayBuffer.isView(body)) return new Uint8Array(body.buffer, body.byteOffset, body.byteLength);
  return undefined;
}

/** @internal Makes the chunk sequence of a body. */
export type ChunkSource = (signal: AbortSignal | undefined) => AsyncGenerator<Uint8Array>;

/**
 * @internal The body's chunk source (no copies where avoidable). Checks the body's type at once.
 * @throws {TypeError} for a value that is no {@link LogBody}
 */
export function chunkSource(body: LogBody): ChunkSource {
  if (typeof body === 'string') return (signal) => once(encoder.encode(body), signal);
  const bytes = bytesOf(body);
  if (bytes !== undefined) return (signal) => once(bytes, signal);
  if (typeof Blob !== 'undefined' && body instanceof Blob) return (signal) => fromBlob(body, signal);
  if (isObject(body)) {
    if (typeof (body as ReadableStream).getReader === 'function') {
      return (signal) => fromReadableStream(body as ReadableStream, signal);
    }
    if (typeof (body as WebStreamSource).transformToWebStream === 'function') {
      return (signal) => fromReadableStream((body as WebStreamSource).transformToWebStream(), signal);
    }
    if (typeof (body as AsyncIterable<unknown>)[Symbol.asyncIterator] === 'function') {
      return (signal) => fromAsyncIterable(body as AsyncIterable<unknown>, signal);
    }
    if (typeof (body as Iterable<unknown>)[Symbol.iterator] === 'function') {
      return (signal) => fromSync(body as Iterable<unknown>, signal);
    }
  }
  throw new TypeError(
    `cloudtrail-chime: unsupported body: expected bytes, a Blob, a string, a stream or an iterable of chunks, got ${typeOf(body)}`,
  );
}
