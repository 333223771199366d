/**
 * Where a trail is read from: an S3 bucket (`./s3`) or a local copy of one (`./node`). The
 * listing, reading and verification of trails are written once against this interface.
 *
 * @module
 */
import type { LogBody } from '../stream/index.js';

/** One object of a listing. */
export interface StoredObject {
  /** Object key (bucket-relative, `/`-separated). */
  key: string;
  /** Size in bytes, when the listing tells. */
  size?: number | undefined;
}

/** An object read from a store. */
export interface StoredBody {
  /** The body as stored (gzip, or already inflated). */
  body: LogBody;
  /** The digest signature from the object's metadata (`x-amz-meta-signature`), when there is one. */
  signature?: string | undefined;
}

/** @internal A bucket, or a folder that holds a copy of one. */
export interface TrailStore {
  /** The bucket name (what digests name in `digestS3Bucket` / `logFiles[].s3Bucket`). */
  readonly bucket: string;
  /** The "folders" directly under `prefix` (each ending in `/`), as a `Delimiter: '/'` listing gives. */
  listPrefixes(prefix: string, signal: AbortSignal | undefined): Promise<string[]>;
  /** Every object whose key starts with `prefix`. */
  listObjects(prefix: string, signal: AbortSignal | undefined): Promise<StoredObject[]>;
  /** An object's body (and signature), or `undefined` when it does not exist. */
  getObject(bucket: string, key: string, signal: AbortSignal | undefined): Promise<StoredBody | undefined>;
}

/** @internal `body` with every chunk's length reported to `onBytes` as it is read. */
export function countingBody(body: LogBody, onBytes: ((bytes: number) => void) | undefined): LogBody {
  if (onBytes === undefined) return body;
  // a Node stream (the SDK's Body in Node) is iterated directly: cheaper than its web-stream form
  if (typeof body === 'object' && body !== null && Symbol.asyncIterator in body) {
    const source = body as AsyncIterable<Uint8Array | string>;
    return (async function* () {
      for await (const chunk of source) {
        onBytes(typeof chunk === 'string' ? chunk.length : chunk.byteLength);
        yield chunk;
      }
    })();
  }
  if (typeof body === 'object' && body !== null && 'transformToWebStream' in body) {
    const counter = new TransformStream<Uint8Array, Uint8Array>({
      transform(chunk, controller) {
        onBytes(chunk.byteLength);
        controller.enqueue(chunk);
      },
    });
    return body.transformToWebStream().pipeThrough(counter);
  }
  if (body instanceof Uint8Array || body instanceof ArrayBuffer) onBytes(body.byteLength);
  return body;
}
