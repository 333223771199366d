/**
 * Small streamed bodies take the whole-body path too. The first chunks of a stream are read
 * ahead, up to {@link PREFETCH_BYTES}: a body that ends within them is a small body held in
 * memory after all (an S3 object of a few KiB, a small file stream), read like bytes; a longer
 * one streams on from the chunks read ahead, so memory stays bounded.
 *
 * @internal
 * @module
 */
import { joinBytes } from '../bytes.js';
import type { ChunkSource } from './chunks.js';

/** Compressed (or plain) bytes read ahead of a stream before it is taken as a stream. */
export const PREFETCH_BYTES = 64 * 1024;

/** What the read-ahead found: the whole body, or the source to stream (its first chunks replayed). */
export type Prefetched = { whole: Uint8Array; rest?: undefined } | { whole?: undefined; rest: ChunkSource };

/**
 * @internal Reads the start of `source`. An error of the source is not thrown here: the chunks
 * before it are replayed, then it is thrown, so that the reader reports it as it would have.
 */
export async function prefetch(source: ChunkSource, signal: AbortSignal | undefined): Promise<Prefetched> {
  const it = source(signal);
  const head: Uint8Array[] = [];
  let size = 0;
  let failure: { error: unknown } | undefined;
  try {
    for (;;) {
      const r = await it.next();
      if (r.done) return { whole: joinBytes(head, size) };
      head.push(r.value);
      size += r.value.length;
      if (size > PREFETCH_BYTES) break;
    }
  } catch (error) {
    failure = { error };
  }
  return {
    async *rest() {
      try {
        yield* head;
        if (failure !== undefined) throw failure.error;
        for (;;) {
          const r = await it.next();
          if (r.done) return;
          yield r.value;
        }
      } finally {
        // the consumer stopped early: the source cancels its stream
        await it.return(undefined);
      }
    },
  };
}
