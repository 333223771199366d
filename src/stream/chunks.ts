/**
 * Turns every {@link LogBody} kind into one pull-based async sequence of byte chunks, and makes
 * sure the source is cancelled (web streams) or destroyed (Node streams, via the async
 * iterator's `return`) when the consumer stops early or the signal aborts.
 *
 * @internal
 * @module
 */
import { joinBytes } from '../bytes.js';
import { describeValue } from '../envelopes/describe.js';
import { abortError, throwIfAborted } from '../errors.js';
import type { LogBody, WebStreamSource } from './types.js';

const encoder = /* @__PURE__ */ new TextEncoder();
/** Blobs are read in slices of this size (Blob.stream() is not available everywhere). */
const BLOB_SLICE = 1 << 20;

const isObject = (v: unknown): v is Record<PropertyKey, unknown> =>
  (typeof v === 'object' || typeof v === 'function') && v !== null;

const EMPTY = new Uint8Array(0);

function asBytes(chunk: unknown): Uint8Array {
  const bytes = chunk instanceof ArrayBuffer ? new Uint8Array(chunk) : bytesOf(chunk as LogBody);
  if (bytes !== undefined) return bytes;
  throw new TypeError(`cloudtrail-chime: a body chunk must be bytes or a string, got ${describeValue(chunk)}`);
}

/**
 * Turns chunks (bytes or strings) into bytes. A string chunk that ends in the first half of a
 * surrogate pair keeps it for the next chunk, so that a pair split between two chunks is encoded
 * whole; `flush` gives a lone one left at the end (U+FFFD, as `TextEncoder` encodes it).
 */
function chunkEncoder(): { bytes(chunk: unknown): Uint8Array; flush(): Uint8Array } {
  let high = '';
  const flush = () => {
    const left = high;
    high = '';
    return left === '' ? EMPTY : encoder.encode(left);
  };
  return {
    bytes(chunk) {
      if (typeof chunk !== 'string') {
        const left = flush();
        const bytes = asBytes(chunk);
        return left.length === 0 ? bytes : joinBytes([left, bytes]);
      }
      let text = high + chunk;
      high = '';
      const last = text.charCodeAt(text.length - 1);
      if (last >= 0xd800 && last <= 0xdbff) {
        high = text.slice(-1);
        text = text.slice(0, -1);
      }
      return encoder.encode(text);
    },
    flush,
  };
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

const ignore = () => {};

/**
 * The chunks of a pull-based source, as bytes: `next` gives an iterator result (or a promise of
 * one); `stop` ends the source early (a stream's `cancel`, an iterator's `return`): when the
 * consumer stops, or at once when `signal` aborts while `next` is pending. With an `encoder`,
 * chunks may be strings too.
 */
async function* pull(
  next: () => unknown,
  stop: (reason?: unknown) => unknown,
  signal: AbortSignal | undefined,
  encoder?: ReturnType<typeof chunkEncoder>,
): AsyncGenerator<Uint8Array> {
  const end = () => Promise.resolve(stop()).catch(ignore);
  let finished = false;
  try {
    for (;;) {
      throwIfAborted(signal);
      const r = (await raceAbort(Promise.resolve(next()), signal, () => {
        Promise.resolve(stop(signal?.reason)).catch(ignore);
      })) as IteratorResult<unknown>;
      if (r.done) {
        finished = true;
        if (encoder) yield encoder.flush();
        return;
      }
      yield encoder ? encoder.bytes(r.value) : asBytes(r.value);
    }
  } finally {
    if (!finished) await end();
  }
}

async function* fromReadableStream(stream: ReadableStream<unknown>, signal?: AbortSignal): AsyncGenerator<Uint8Array> {
  const reader = stream.getReader();
  try {
    yield* pull(
      () => reader.read(),
      (reason) => reader.cancel(reason),
      signal,
    );
  } finally {
    reader.releaseLock();
  }
}

function fromIterator(
  it: Iterator<unknown> | AsyncIterator<unknown>,
  signal?: AbortSignal,
): AsyncGenerator<Uint8Array> {
  return pull(
    () => it.next(),
    () => it.return?.(),
    signal,
    chunkEncoder(),
  );
}

function fromBlob(blob: Blob, signal?: AbortSignal): AsyncGenerator<Uint8Array> {
  let at = 0;
  const next = async () =>
    at >= blob.size
      ? { done: true }
      : { value: new Uint8Array(await blob.slice(at, (at += BLOB_SLICE)).arrayBuffer()) };
  return pull(next, ignore, signal);
}

async function* once(bytes: Uint8Array, signal?: AbortSignal): AsyncGenerator<Uint8Array> {
  throwIfAborted(signal);
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
      return (signal) => fromIterator((body as AsyncIterable<unknown>)[Symbol.asyncIterator](), signal);
    }
    if (typeof (body as Iterable<unknown>)[Symbol.iterator] === 'function') {
      return (signal) => fromIterator((body as Iterable<unknown>)[Symbol.iterator](), signal);
    }
  }
  throw new TypeError(
    `cloudtrail-chime: unsupported body: expected bytes, a Blob, a string, a stream or an iterable of chunks, got ${describeValue(body)}`,
  );
}
