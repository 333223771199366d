import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type * as z from 'zod';
import { CloudTrailDigestFileSchema, CloudTrailRecordSchema, CloudTrailRecordStrictSchema } from '../../src/index.js';
import { validDigestFile, validRecord, validStrictRecord } from '../../src/schemas/generated/validator.js';
import type { Issue } from '../../src/schemas/issues.js';
import { corporaDir, corpusFiles, hasCorpora } from '../helpers/corpora.js';
import { startingDigest } from '../helpers/digest.js';
import { sampleRecords } from '../helpers/records.js';

type Validator = (value: unknown, out?: Issue[]) => boolean;
const pairs: [string, z.ZodType, Validator][] = [
  ['CloudTrailRecordSchema', CloudTrailRecordSchema, validRecord],
  ['CloudTrailRecordStrictSchema', CloudTrailRecordStrictSchema, validStrictRecord],
  ['CloudTrailDigestFileSchema', CloudTrailDigestFileSchema, validDigestFile],
];

/** The generated validator and zod agree: same verdict, and the same issues (order, paths, messages). */
function expectAgreement(schema: z.ZodType, valid: Validator, value: unknown): void {
  const zod = schema.safeParse(value);
  const issues: Issue[] = [];
  const label = JSON.stringify(value)?.slice(0, 300);
  expect(valid(value), label).toBe(zod.success);
  expect(valid(value, issues), label).toBe(zod.success);
  expect(issues, label).toEqual(zod.success ? [] : zod.error.issues);
}

const defOf = (s: z.ZodType) =>
  (
    s as unknown as {
      _zod: {
        def: { type: string; innerType?: z.ZodType; options?: z.ZodType[]; shape?: object; element?: z.ZodType };
      };
    }
  )._zod.def;

/** Every documented path of a schema (array elements as index 0), read from the zod definitions. */
function documentedPaths(schema: z.ZodType, at: PropertyKey[] = []): PropertyKey[][] {
  let def = defOf(schema);
  while (def.innerType) def = defOf(def.innerType);
  if (def.type === 'union') return (def.options ?? []).flatMap((o) => documentedPaths(o, at));
  if (def.type === 'array' && def.element) return documentedPaths(def.element, [...at, 0]);
  if (def.type !== 'object') return [];
  return Object.entries(def.shape as Record<string, z.ZodType>).flatMap(([key, member]) => [
    [...at, key],
    ...documentedPaths(member, [...at, key]),
  ]);
}

/** Sets `value` at `path` inside a copy of `root`, creating objects/arrays on the way; own keys only. */
function setAt(root: unknown, path: readonly PropertyKey[], value: unknown): unknown {
  if (path.length === 0) return value;
  const [head, ...rest] = path as [PropertyKey, ...PropertyKey[]];
  const base = (
    typeof head === 'number'
      ? Array.isArray(root)
        ? [...root]
        : []
      : typeof root === 'object' && root !== null && !Array.isArray(root)
        ? { ...root }
        : {}
  ) as Record<PropertyKey, unknown>;
  const child = Object.hasOwn(base, head) ? base[head] : undefined;
  // defineProperty: a "__proto__" key becomes an own key, as JSON.parse makes it
  Object.defineProperty(base, head, {
    value: setAt(child, rest, value),
    enumerable: true,
    writable: true,
    configurable: true,
  });
  return base;
}

const record = sampleRecords(1)[0] as Record<string, unknown>;
const insight = {
  eventVersion: '1.07',
  eventTime: '2026-01-01T00:00:00Z',
  awsRegion: 'us-east-1',
  eventID: 'e',
  eventType: 'AwsCloudTrailInsight',
  insightDetails: { state: 'Start', eventSource: 'ec2.amazonaws.com', eventName: 'RunInstances' },
};
const digestFile = { s3Bucket: 'b', s3Object: 'o', hashValue: 'h', hashAlgorithm: 'SHA-256' };
const roots: [z.ZodType, unknown[]][] = [
  [CloudTrailRecordSchema, [record, insight, {}]],
  [CloudTrailDigestFileSchema, [startingDigest({ logFiles: [digestFile] })]],
];

const oddKey = fc.constantFrom('__proto__', 'constructor', 'toString', 'hasOwnProperty', 'futureKey', 'ARN', '');
const jsonish = fc.oneof(
  fc.jsonValue({ maxDepth: 2 }),
  fc.constantFrom(null, true, false, 0, -0, 1.5, '', 'true', 'false', 'x', [], {}, [null], ['s'], { a: 1 }),
);

describe('the generated validator agrees with the zod schemas', () => {
  it('on hand-picked records, digests and non-objects', () => {
    const cases: unknown[] = [
      ...sampleRecords(3),
      insight,
      { ...insight, insightDetails: undefined },
      { eventName: 5 },
      { eventName: null, eventSource: null, eventVersion: null },
      { userIdentity: { sessionContext: { attributes: { creationDate: 5 } } } },
      { resources: [{ ARN: 1 }, 'x', 3] },
      { resources: ['x', { ARN: 'a', extra: 1 }] },
      { userIdentity: 'root' },
      { requestParameters: 5, responseElements: [], additionalEventData: '{"a":1}' },
      { readOnly: 'true', managementEvent: null, sessionCredentialFromConsole: 'yes' },
      { eventVersion: 'x', eventTime: '2026-01-01 00:00:00', awsRegion: 'r', eventID: 'e', eventType: 'AwsApiCall' },
      { ...record, userIdentity: { type: 'IAMUser', futureKey: 1, sessionContext: { z: 1 } } },
      { ...record, brandNew: 1, eventSource: undefined },
      JSON.parse('{"__proto__":{"eventName":5},"constructor":1,"eventName":"A"}'),
      JSON.parse('{"userIdentity":{"sessionContext":{"webIdFederationData":{"attributes":{"__proto__":1}}}}}'),
      JSON.parse(`{"__proto__":1,${JSON.stringify(record).slice(1)}`),
      startingDigest(),
      startingDigest({ digestEndTime: undefined, digestS3Bucket: 5, previousDigestSignature: 7 }),
      startingDigest({ logFiles: [{ ...digestFile, hashValue: null }, 'x'] }),
      startingDigest({ logFiles: {} }),
      null,
      [],
      'x',
      5,
      undefined,
    ];
    for (const value of cases) for (const [, schema, valid] of pairs) expectAgreement(schema, valid, value);
  });

  it('with a wrong value at every documented path', () => {
    for (const [schema, bases] of roots) {
      for (const path of documentedPaths(schema)) {
        for (const base of bases) {
          for (const wrong of [null, 5, true, 'x', [], {}, [1], { k: 1 }]) {
            const value = setAt(base, path, wrong);
            for (const [, s, valid] of pairs) expectAgreement(s, valid, value);
          }
        }
      }
    }
  });

  it('on random mutations: values anywhere, undocumented and prototype-named keys at every level', () => {
    const paths = roots.flatMap(([schema, bases]) => documentedPaths(schema).map((p) => [p, bases] as const));
    const mutation = fc.record({
      at: fc.constantFrom(...paths),
      base: fc.nat(),
      value: jsonish,
      extraAt: fc.constantFrom(...paths.map(([p]) => p.slice(0, -1))),
      extraKey: oddKey,
      extraValue: jsonish,
    });
    fc.assert(
      fc.property(fc.array(mutation, { minLength: 1, maxLength: 4 }), (mutations) => {
        for (const [, bases] of roots) {
          let value: unknown = bases[mutations[0]!.base % bases.length];
          for (const m of mutations) {
            value = setAt(value, m.at[0], m.value);
            value = setAt(value, [...m.extraAt, m.extraKey], m.extraValue);
          }
          for (const [, schema, valid] of pairs) expectAgreement(schema, valid, value);
        }
      }),
      { numRuns: process.env.CI ? 1000 : 300 },
    );
  });

  it('on arbitrary JSON values', () => {
    fc.assert(
      fc.property(fc.jsonValue({ maxDepth: 4 }), (value) => {
        for (const [, schema, valid] of pairs) expectAgreement(schema, valid, value);
      }),
      { numRuns: 300 },
    );
  });
});

describe('the corpora', () => {
  if (!hasCorpora && process.env.CI) {
    it('are present in CI', () => {
      throw new Error(`corpora missing at ${corporaDir}: the corpus tests cannot run`);
    });
  }

  it.skipIf(!hasCorpora)('every record and digest: the generated validator agrees with zod', () => {
    let records = 0;
    let nullInTopLevelString = 0;
    for (const f of corpusFiles()) {
      const body = JSON.parse(gunzipSync(readFileSync(join(corporaDir, f.path))).toString('utf8')) as {
        Records?: Record<string, unknown>[];
      };
      if (f.kind === 'digest') {
        expectAgreement(CloudTrailDigestFileSchema, validDigestFile, body);
        expect(validDigestFile(body)).toBe(true);
        continue;
      }
      for (const r of body.Records ?? []) {
        records++;
        expectAgreement(CloudTrailRecordSchema, validRecord, r);
        expectAgreement(CloudTrailRecordStrictSchema, validStrictRecord, r);
        const issues: Issue[] = [];
        if (!validRecord(r, issues)) {
          // only a null in a top-level string field may make a published record invalid
          expect(issues.every((i) => i.path.length === 1 && r[i.path[0] as string] === null)).toBe(true);
          nullInTopLevelString++;
        }
      }
    }
    expect(records).toBeGreaterThan(900);
    expect(nullInTopLevelString).toBe(0);
  });
});
