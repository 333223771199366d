/**
 * The one abort suite. Aborting or leaving the loop early releases the source (web stream
 * cancelled, Node stream destroyed, iterator returned) and leaves no timer or handle behind; no
 * record is yielded after `abort()`, whatever the body (stream, Blob, bytes, string, files read by
 * `readLogFiles`); every entry reports the abort as `ABORTED` (digest verification included).
 */
import { getEventListeners } from 'node:events';
import { rmSync } from 'node:fs';
import { Readable } from 'node:stream';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import {
  isCloudTrailParseError,
  type LogBody,
  readRecords,
  verifyDigestChain,
  verifyDigestFile,
} from '../../src/index.js';
import { PREFETCH_BYTES } from '../../src/stream/prefetch.js';
import { gz as gzip, logFileText, sampleRecords } from '../helpers/records.js';
import { importDistNode } from '../node/dist.js';
import { gz, logKey, logText, put, record, tempDir } from '../node/fixtures.js';

const recordText = (i: number, id = `${i}`) =>
  JSON.stringify({ eventVersion: '1.11', eventName: 'CreateMeeting', eventID: id });
/** Text that does not compress (a seeded pseudo-random hex string). */
function noise(seed: number): string {
  let x = (seed + 1) * 2654435761;
  let out = '';
  for (let i = 0; i < 4; i++) {
    x = Math.imul(x ^ (x >>> 15), 2246822519) ^ Math.imul(x ^ (x >>> 13), 3266489917);
    out += (x >>> 0).toString(16).padStart(8, '0');
  }
  return out;
}
/** An endless log file: the head, then records forever. */
function* endlessText(): Generator<string> {
  yield '{"Records":[';
  for (let i = 0; ; i++) yield (i ? ',' : '') + recordText(i);
}
const enc = new TextEncoder();

function endlessWebStream() {
  const state = { cancelled: false, reason: undefined as unknown, pulls: 0, bytes: 0 };
  const it = endlessText();
  const stream = new ReadableStream<Uint8Array>({
    pull(controller) {
      state.pulls++;
      const chunk = enc.encode(it.next().value as string);
      state.bytes += chunk.length;
      controller.enqueue(chunk);
    },
    cancel(reason) {
      state.cancelled = true;
      state.reason = reason;
    },
  });
  return { stream, state };
}

function endlessAsyncIterable() {
  const state = { returned: false, nexts: 0 };
  const it = endlessText();
  const iterable: AsyncIterable<Uint8Array> = {
    [Symbol.asyncIterator]: () => ({
      next: async () => {
        state.nexts++;
        return { done: false, value: enc.encode(it.next().value as string) };
      },
      return: async () => {
        state.returned = true;
        return { done: true, value: undefined };
      },
    }),
  };
  return { iterable, state };
}

const activeHandles = () =>
  process
    .getActiveResourcesInfo()
    .filter((r) => r !== 'TTYWrap' && r !== 'PipeWrap')
    .sort();

async function take(it: AsyncIterable<unknown>, n: number, onEach?: (i: number) => void): Promise<unknown> {
  let i = 0;
  try {
    for await (const _ of it) {
      onEach?.(i);
      if (++i >= n) break;
    }
  } catch (e) {
    return e;
  }
  return undefined;
}

describe('break out of for await', () => {
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
    expect(bigGz.length).toBeGreaterThan(PREFETCH_BYTES);
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

  it('cancels a web ReadableStream', async () => {
    const { stream, state } = endlessWebStream();
    expect(await take(readRecords(stream), 5)).toBeUndefined();
    expect(state.cancelled).toBe(true);
    // read ahead: a stream is taken whole when it ends within PREFETCH_BYTES; no further
    expect(state.bytes).toBeLessThan(PREFETCH_BYTES + 4096);
  });

  it('cancels the stream of an SDK-like Body (transformToWebStream)', async () => {
    const { stream, state } = endlessWebStream();
    let transforms = 0;
    const body = {
      transformToWebStream: () => {
        transforms++;
        return stream;
      },
    };
    expect(await take(readRecords(body), 3)).toBeUndefined();
    expect(transforms).toBe(1);
    expect(state.cancelled).toBe(true);
  });

  it('destroys a Node Readable (and emits close)', async () => {
    const node = Readable.from(
      (function* () {
        for (const s of endlessText()) yield Buffer.from(s);
      })(),
      { objectMode: false },
    );
    let closed = false;
    node.on('close', () => {
      closed = true;
    });
    expect(await take(readRecords(node), 5)).toBeUndefined();
    await new Promise((r) => setImmediate(r));
    expect(node.destroyed).toBe(true);
    expect(closed).toBe(true);
  });

  it('calls return() of an async iterable', async () => {
    const { iterable, state } = endlessAsyncIterable();
    expect(await take(readRecords(iterable), 5)).toBeUndefined();
    expect(state.returned).toBe(true);
  });

  it('calls return() of a sync iterable of chunks', async () => {
    let returned = false;
    const it = endlessText();
    const iterable: Iterable<Uint8Array> = {
      [Symbol.iterator]: () => ({
        next: () => ({ done: false, value: enc.encode(it.next().value as string) }),
        return: () => {
          returned = true;
          return { done: true, value: undefined };
        },
      }),
    };
    expect(await take(readRecords(iterable), 5)).toBeUndefined();
    expect(returned).toBe(true);
  });

  it('a gzip web stream is cancelled too (a body larger than VERIFY_WINDOW streams before its CRC check)', async () => {
    const gz = gzipSync(`{"Records":[${Array.from({ length: 20000 }, (_, i) => recordText(i, noise(i))).join(',')}]}`);
    expect(gz.length).toBeGreaterThan(PREFETCH_BYTES);
    let cancelled = false;
    let at = 0;
    const stream = new ReadableStream<Uint8Array>({
      pull(c) {
        if (at >= gz.length) return c.close();
        c.enqueue(new Uint8Array(gz.subarray(at, (at += 256))));
      },
      cancel() {
        cancelled = true;
      },
    });
    expect(await take(readRecords(stream), 2)).toBeUndefined();
    expect(cancelled).toBe(true);
  });
});

/** Larger than the read-ahead once compressed (random ids do not compress), so it streams. */
const bigGz = gzip(logFileText(sampleRecords(3000).map((r, i) => ({ ...r, eventID: noise(i) }))));

describe('AbortSignal', () => {
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

  it('aborting mid-stream throws ABORTED and cancels the web stream', async () => {
    const { stream, state } = endlessWebStream();
    const ac = new AbortController();
    const error = await take(readRecords(stream, { signal: ac.signal }), Number.POSITIVE_INFINITY, (i) => {
      if (i === 10) ac.abort(new Error('stop'));
    });
    expect(isCloudTrailParseError(error) && error.code).toBe('ABORTED');
    expect(state.cancelled).toBe(true);
  });

  it('aborting while the source is pending rejects at once and returns the iterator', async () => {
    const state = { returned: false };
    const never: AsyncIterable<Uint8Array> = {
      [Symbol.asyncIterator]: () => ({
        next: () => new Promise<IteratorResult<Uint8Array>>(() => {}),
        return: async () => {
          state.returned = true;
          return { done: true, value: undefined };
        },
      }),
    };
    const ac = new AbortController();
    const pending = take(readRecords(never, { signal: ac.signal }), 1);
    setTimeout(() => ac.abort(), 5);
    const error = await pending;
    expect(isCloudTrailParseError(error) && error.code).toBe('ABORTED');
    expect(state.returned).toBe(true);
  });

  it('aborting mid-stream destroys a Node Readable', async () => {
    const node = Readable.from(
      (function* () {
        for (const s of endlessText()) yield Buffer.from(s);
      })(),
    );
    const ac = new AbortController();
    const error = await take(readRecords(node, { signal: ac.signal }), Number.POSITIVE_INFINITY, (i) => {
      if (i === 3) ac.abort();
    });
    expect(isCloudTrailParseError(error) && error.code).toBe('ABORTED');
    await new Promise((r) => setImmediate(r));
    expect(node.destroyed).toBe(true);
  });

  it('an already-aborted signal throws ABORTED without reading', async () => {
    const { stream, state } = endlessWebStream();
    const { iterable, state: itState } = endlessAsyncIterable();
    const signal = AbortSignal.abort(new Error('before'));
    for (const body of [
      stream,
      iterable,
      '{"Records":[]}',
      new Uint8Array([0x7b]),
      new Blob(['{}']),
      [enc.encode('{')],
    ]) {
      const error = await take(readRecords(body, { signal }), 1);
      expect(isCloudTrailParseError(error) && error.code).toBe('ABORTED');
    }
    // a web stream pulls once when created (highWaterMark 1): nothing beyond that was read
    expect(state.pulls).toBeLessThanOrEqual(1);
    expect(itState.nexts).toBe(0);
  });

  it('leaves no timer, listener or handle behind', async () => {
    await new Promise((r) => setImmediate(r));
    const before = activeHandles();
    const ac = new AbortController();
    for (let k = 0; k < 20; k++) {
      const { stream } = endlessWebStream();
      await take(readRecords(stream, { signal: ac.signal }), 3);
      const { iterable } = endlessAsyncIterable();
      await take(readRecords(iterable, { signal: ac.signal }), 3);
    }
    const late = new AbortController();
    const { stream } = endlessWebStream();
    await take(readRecords(stream, { signal: late.signal }), Number.POSITIVE_INFINITY, (i) => {
      if (i === 2) late.abort();
    });
    await new Promise((r) => setImmediate(r));
    // no new kind of resource, and no more of any kind than before
    const count = (list: string[]) => {
      const m: Record<string, number> = {};
      for (const k of list) m[k] = (m[k] ?? 0) + 1;
      return m;
    };
    const was = count(before);
    for (const [kind, n] of Object.entries(count(activeHandles()))) expect(n, kind).toBeLessThanOrEqual(was[kind] ?? 0);
    // abort listeners are removed once each read settles: no leak on a long-lived signal
    expect(getEventListeners(ac.signal, 'abort')).toHaveLength(0);
  });
});

describe('no record after abort()', () => {
  const records = sampleRecords(300);
  const text = logFileText(records);
  const bytes = new TextEncoder().encode(text);
  const chunked = (b: Uint8Array, size: number) =>
    new ReadableStream<Uint8Array>({
      start(c) {
        for (let at = 0; at < b.length; at += size) c.enqueue(b.slice(at, at + size));
        c.close();
      },
    });
  const bodies: [string, () => LogBody][] = [
    ['string', () => text],
    ['bytes (whole-body path)', () => bytes.slice()],
    ['gzip bytes', () => gzip(text)],
    ['Blob', () => new Blob([gzip(text)])],
    ['web stream', () => chunked(bytes, 100_000)],
    ['gzip web stream', () => chunked(gzip(text), 1 << 20)],
    ['iterable', () => [bytes]],
  ];

  it.each(bodies)('%s: the next record after abort() is ABORTED, not a record', async (_, body) => {
    for (const k of [0, 5, 299]) {
      const ac = new AbortController();
      const seen: unknown[] = [];
      const error = await take(readRecords(body(), { signal: ac.signal }), Number.POSITIVE_INFINITY, (i) => {
        seen.push(i);
        if (i === k) ac.abort();
      });
      // after the last record the read may end either way; before it, the abort always wins
      const code = isCloudTrailParseError(error) ? error.code : error;
      if (k < 299) expect(code, `abort after record ${k}`).toBe('ABORTED');
      else expect([undefined, 'ABORTED']).toContain(code);
      expect(seen).toHaveLength(k + 1);
    }
  });

  it('readLogFiles (workers and in-process): no record after abort()', async () => {
    const dist = await importDistNode();
    const dir = tempDir('ct-abort-');
    try {
      for (let n = 0; n < 6; n++) {
        put(dir, logKey(n), gz(logText(Array.from({ length: 40 }, (_, i) => record(n, i)))));
      }
      for (const concurrency of [1, 0]) {
        const ac = new AbortController();
        let seen = 0;
        const error = await take(dist.readLogFiles([dir], { signal: ac.signal, concurrency }), 1000, (i) => {
          seen++;
          if (i === 50) ac.abort();
        });
        expect(isCloudTrailParseError(error) && error.code).toBe('ABORTED');
        expect(seen).toBe(51);
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('verifyDigestFile and verifyDigestChain report an abort as ABORTED', async () => {
    const signal = AbortSignal.abort(new Error('stop'));
    const digest = gzip('{}');
    const location = { bucket: 'b', key: 'k' };
    await expect(
      verifyDigestFile({ digest, location, signature: '00', publicKey: new Map(), signal }),
    ).rejects.toMatchObject({ code: 'ABORTED', name: 'CloudTrailParseError' });
    await expect(
      verifyDigestChain({
        newest: location,
        readObject: async () => ({ body: digest, signature: '00' }),
        publicKeys: new Map(),
        signal,
      }),
    ).rejects.toMatchObject({ code: 'ABORTED' });
  });
});
