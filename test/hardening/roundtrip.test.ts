/**
 * Property: whatever the chunking, gzip framing (members, level, zero padding), body kind and
 * layout, the records that come out are exactly the records that went in.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  collect,
  deliver,
  delivery,
  foreignError,
  gzipMembers,
  type Layout,
  records,
  serialise,
} from './arbitraries.js';

const RUNS = { numRuns: 200 } as const;
const enc = new TextEncoder();

describe('round trip (property)', () => {
  it('gzip: records out deep-equal records in, for any members, padding, level and chunking', async () => {
    await fc.assert(
      fc.asyncProperty(
        records(),
        fc.constantFrom<Layout>('log-file', 'array', 'ndjson'),
        fc.boolean(),
        fc.array(fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }), { maxLength: 4 }),
        fc.integer({ min: 0, max: 9 }),
        fc.oneof(fc.constant(0), fc.integer({ min: 1, max: 600 })),
        delivery(),
        async (recs, layout, pretty, memberCuts, level, padding, d) => {
          // an empty NDJSON body is an empty input (INVALID_JSON), not an empty log file
          fc.pre(!(layout === 'ndjson' && recs.length === 0));
          const text = serialise(recs, layout, pretty);
          const gz = gzipMembers(text, memberCuts, level, padding);
          const { records: out, error } = await collect(deliver(gz, d));
          expect(foreignError(error)).toBeUndefined();
          expect(error).toBeUndefined();
          expect(out).toEqual(recs);
        },
      ),
      RUNS,
    );
  });

  it('plain: records out deep-equal records in, for every layout, format option and chunking', async () => {
    await fc.assert(
      fc.asyncProperty(
        records(),
        fc.constantFrom<Layout>('log-file', 'array', 'ndjson'),
        fc.boolean(),
        fc.boolean(),
        fc.boolean(),
        delivery(),
        async (recs, layout, pretty, forceFormat, bom, d) => {
          const text = (bom ? '\ufeff' : '') + serialise(recs, layout, pretty);
          // an empty NDJSON body is an empty input: not a log file
          fc.pre(!(layout === 'ndjson' && recs.length === 0));
          const { records: out, error } = await collect(deliver(enc.encode(text), d), {
            format: forceFormat ? layout : 'auto',
          });
          expect(foreignError(error)).toBeUndefined();
          expect(error).toBeUndefined();
          expect(out).toEqual(recs);
        },
      ),
      RUNS,
    );
  });

  it('string bodies and validate: false give the same records', async () => {
    await fc.assert(
      fc.asyncProperty(records(), fc.constantFrom<Layout>('log-file', 'array'), async (recs, layout) => {
        const text = serialise(recs, layout);
        const a = await collect(text);
        const b = await collect(text, { validate: false });
        expect(a.error).toBeUndefined();
        expect(b.error).toBeUndefined();
        expect(a.records).toEqual(recs);
        expect(b.records).toEqual(recs);
      }),
      RUNS,
    );
  });
});
