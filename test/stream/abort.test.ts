import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { readRecords } from '../../src/index.js';
import { gz, logFileText, sampleRecords } from '../helpers/records.js';

// plain bytes: records are released at once (gzip records wait for their member's CRC check)
const body = new TextEncoder().encode(logFileText(sampleRecords(200)));
const bigGz = gz(logFileText(sampleRecords(3000)));

function trackedStream() {
  const state = { cancelled: false, pulls: 0 };
  let at = 0;
  const stream = new ReadableStream<Uint8Array>({
    pull(controller) {
      state.pulls++;
      if (at >= body.length) return controller.close();
      controller.enqueue(body.slice(at, at + 512));
      at += 512;
    },
    cancel() {
      state.cancelled = true;
    },
  });
  return { stream, state };
}

describe('abort and early exit', () => {
  it('break out of for-await cancels the ReadableStream', async () => {
    const { stream, state } = trackedStream();
    let n = 0;
    for await (const _ of readRecords(stream)) if (++n === 3) break;
    expect(state.cancelled).toBe(true);
  });

  it('break cancels a gzip stream larger than VERIFY_WINDOW before its end', async () => {
    let cancelled = false;
    let at = 0;
    const stream = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (at >= bigGz.length) return controller.close();
        controller.enqueue(bigGz.slice(at, (at += 4096)));
      },
      cancel() {
        cancelled = true;
      },
    });
    for await (const _ of readRecords(stream)) break;
    expect(cancelled).toBe(true);
    expect(at).toBeLessThan(bigGz.length);
  });

  it('gzip records wait for the CRC check of their member (small files are all-or-nothing)', async () => {
    const small = gz(logFileText(sampleRecords(20)));
    const bad = small.slice();
    bad[bad.length - 8] = (bad[bad.length - 8] as number) ^ 1;
    const seen: unknown[] = [];
    const chunks = [bad.slice(0, 200), bad.slice(200)];
    await expect(
      (async () => {
        for await (const r of readRecords(chunks)) seen.push(r);
      })(),
    ).rejects.toMatchObject({ code: 'INVALID_GZIP' });
    expect(seen).toEqual([]);
  });

  it('an AbortSignal mid-stream throws ABORTED and cancels the source', async () => {
    const { stream, state } = trackedStream();
    const controller = new AbortController();
    let n = 0;
    await expect(
      (async () => {
        for await (const _ of readRecords(stream, { signal: controller.signal }))
          if (++n === 2) controller.abort(new Error('stop'));
      })(),
    ).rejects.toMatchObject({ code: 'ABORTED' });
    expect(state.cancelled).toBe(true);
  });

  it('abort while waiting for a chunk cancels the pending read', async () => {
    let cancelled = false;
    const stream = new ReadableStream<Uint8Array>({
      pull: () => new Promise(() => {}),
      cancel() {
        cancelled = true;
      },
    });
    const controller = new AbortController();
    const it = readRecords(stream, { signal: controller.signal });
    const pending = it.next();
    setTimeout(() => controller.abort(), 10);
    await expect(pending).rejects.toMatchObject({ code: 'ABORTED' });
    expect(cancelled).toBe(true);
  });

  it('an already aborted signal throws ABORTED without reading', async () => {
    const { stream, state } = trackedStream();
    const signal = AbortSignal.abort();
    await expect(readRecords(stream, { signal }).next()).rejects.toMatchObject({ code: 'ABORTED' });
    expect(state.pulls).toBeLessThanOrEqual(1);
  });

  it('break destroys a Node Readable', async () => {
    const stream = Readable.from(
      (function* () {
        for (let at = 0; at < body.length; at += 256) yield Buffer.from(body.subarray(at, at + 256));
      })(),
    );
    let n = 0;
    for await (const _ of readRecords(stream)) if (++n === 1) break;
    expect(stream.destroyed).toBe(true);
  });

  it('break calls return() of an async iterable', async () => {
    let returned = false;
    const iterable: AsyncIterable<Uint8Array> = {
      [Symbol.asyncIterator]() {
        let at = 0;
        return {
          next: async () =>
            at < body.length ? { done: false, value: body.slice(at, (at += 300)) } : { done: true, value: undefined },
          return: async () => {
            returned = true;
            return { done: true, value: undefined };
          },
        };
      },
    };
    for await (const _ of readRecords(iterable)) break;
    expect(returned).toBe(true);
  });
});
