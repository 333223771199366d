/**
 * Property: damaged bodies (truncated, a flipped byte, inserted garbage) end in the exact records
 * or a CloudTrailParseError: never another error type, never a crash or a hang, and for gzip
 * bodies never a different set of records.
 */
import { gzipSync } from 'node:zlib';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isCloudTrailParseError } from '../../src/index.js';
import {
  applyDamage,
  collect,
  damage,
  deliver,
  delivery,
  foreignError,
  gzipMembers,
  type Layout,
  records,
  serialise,
} from './arbitraries.js';

const RUNS = { numRuns: 300 } as const;
const enc = new TextEncoder();

describe('corruption (property)', () => {
  it('damaged gzip: exact records or a CloudTrailParseError, never a wrong record', async () => {
    await fc.assert(
      fc.asyncProperty(
        records(4),
        fc.constantFrom<Layout>('log-file', 'array', 'ndjson'),
        fc.array(fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }), { maxLength: 3 }),
        fc.integer({ min: 0, max: 9 }),
        fc.oneof(fc.constant(0), fc.integer({ min: 1, max: 64 })),
        fc.array(damage(), { minLength: 1, maxLength: 3 }),
        delivery(),
        async (recs, layout, memberCuts, level, padding, damages, d) => {
          const gz = gzipMembers(serialise(recs, layout), memberCuts, level, padding);
          const bad = damages.reduce(applyDamage, gz);
          const { records: out, error } = await collect(deliver(bad, d), { onInvalid: 'throw' });
          expect(foreignError(error)).toBeUndefined();
          if (error === undefined) expect(out).toEqual(recs);
          else expect(isCloudTrailParseError(error)).toBe(true);
        },
      ),
      RUNS,
    );
  });

  it('damaged plain body: a CloudTrailParseError or records, never another error', async () => {
    await fc.assert(
      fc.asyncProperty(
        records(4),
        fc.constantFrom<Layout>('log-file', 'array', 'ndjson'),
        fc.array(damage(), { minLength: 1, maxLength: 3 }),
        fc.constantFrom('throw', 'skip', 'callback'),
        fc.boolean(),
        delivery(),
        async (recs, layout, damages, policy, validate, d) => {
          const bad = damages.reduce(applyDamage, enc.encode(serialise(recs, layout)));
          const issues: unknown[] = [];
          const { error } = await collect(deliver(bad, d), {
            validate,
            onInvalid: policy === 'callback' ? (issue) => issues.push(issue) : (policy as 'throw' | 'skip'),
          });
          expect(foreignError(error)).toBeUndefined();
          for (const issue of issues) {
            expect(isCloudTrailParseError((issue as { error: unknown }).error)).toBe(true);
          }
        },
      ),
      RUNS,
    );
  });

  it('nothing is lost silently: with a callback, yielded + reported = elements', async () => {
    await fc.assert(
      fc.asyncProperty(
        records(5),
        fc.array(fc.constantFrom('"x"', '1', 'null', '[]', '{"a":}', 'tru', '{"eventName":5}'), { maxLength: 4 }),
        fc.array(fc.nat(), { maxLength: 4 }),
        async (recs, junk, where) => {
          const items: { text: string; junk: boolean }[] = recs.map((r) => ({ text: JSON.stringify(r), junk: false }));
          junk.forEach((j, k) => {
            items.splice((where[k] ?? 0) % (items.length + 1), 0, { text: j, junk: true });
          });
          const body = `{"Records":[${items.map((i) => i.text).join(',')}]}`;
          const issues: { recordIndex: number }[] = [];
          const { records: out, error } = await collect(body, { onInvalid: (i) => issues.push(i) });
          expect(error).toBeUndefined();
          expect(out).toEqual(recs);
          expect(out.length + issues.length).toBe(items.length);
          expect(issues.map((i) => i.recordIndex)).toEqual(items.flatMap((it, k) => (it.junk ? [k] : [])));
        },
      ),
      RUNS,
    );
  });
});

describe('corruption (known cases)', () => {
  const text = serialise([{ eventVersion: '1.11', eventName: 'CreateMeeting', userAgent: 'a'.repeat(40) }], 'log-file');

  it('a CRC mismatch yields no altered record: records wait for their member check (within VERIFY_WINDOW)', async () => {
    // The CRC-32 is at the end of a member. Records inflated from a member are held back until
    // the member checks out (up to VERIFY_WINDOW inflated bytes; beyond that they stream and a
    // later INVALID_GZIP still ends the read), so a damaged small file yields nothing altered.
    const gz = new Uint8Array(gzipSync(text, { level: 0 }));
    const at = gz.indexOf(0x43, 10); // 'C' of CreateMeeting, stored verbatim
    const bad = applyDamage(gz, { kind: 'flip', at: at / gz.length, xor: 0x20 });
    for (const body of [bad, [bad.slice(0, bad.length - 8), bad.slice(bad.length - 8)]]) {
      const { records: out, error } = await collect(body);
      expect(isCloudTrailParseError(error) && error.code).toBe('INVALID_GZIP');
      expect(out).toEqual([]);
    }
  });

  it('a truncated trailer, a missing member end and garbage after a member are INVALID_GZIP', async () => {
    const gz = new Uint8Array(gzipSync(text));
    for (const bad of [
      gz.slice(0, -1),
      gz.slice(0, -8),
      gz.slice(0, 12),
      applyDamage(gz, { kind: 'insert', at: 1, garbage: new Uint8Array([7]) }),
    ]) {
      const { error } = await collect(bad);
      expect(isCloudTrailParseError(error) && error.code).toBe('INVALID_GZIP');
    }
    const trailing = new Uint8Array([...gz, 0, 0, 1]);
    const { error } = await collect(trailing);
    expect(isCloudTrailParseError(error) && error.code).toBe('INVALID_GZIP');
  });
});
