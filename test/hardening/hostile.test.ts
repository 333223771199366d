/**
 * Hostile input: deep nesting, prototype-pollution keys, megabyte strings against every parser
 * of strings, and a static check of the regular expressions in `src/`.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import ts from 'typescript';
import { afterEach, describe, expect, it } from 'vitest';
import * as lib from '../../src/index.js';
import { isCloudTrailParseError, parseRecord, readLogFile, readRecords, safeParseRecord } from '../../src/index.js';
import { collect, foreignError } from './arbitraries.js';

const DEPTH = 100_000;
const MiB = 1024 * 1024;

describe('deep nesting (100,000 levels)', () => {
  const arrays = '['.repeat(DEPTH) + ']'.repeat(DEPTH);
  const objects = '{"a":'.repeat(DEPTH) + '1' + '}'.repeat(DEPTH);
  const cases: [string, string][] = [
    ['arrays inside a record', `{"Records":[{"eventVersion":"1.11","requestParameters":{"x":${arrays}}}]}`],
    ['objects inside a record', `{"Records":[{"eventVersion":"1.11","x":${objects}}]}`],
    [
      'inside userIdentity.sessionContext',
      `{"Records":[{"userIdentity":{"sessionContext":{"attributes":${objects}}}}]}`,
    ],
    ['in a typed field (zod path)', `{"Records":[{"userIdentity":{"type":${arrays}}}]}`],
    ['arrays at the top level', arrays],
    ['objects at the top level', objects],
    ['a top-level key before Records', `{"x":${arrays},"Records":[]}`],
    ['unbalanced, truncated', `{"Records":[{"a":${'['.repeat(DEPTH)}`],
    ['unbalanced, wrong closers', `{"Records":[{"a":${'['.repeat(DEPTH)}${'}'.repeat(DEPTH)}]}`],
  ];

  for (const [name, text] of cases) {
    it(`${name}: a record or a CloudTrailParseError, never a RangeError`, async () => {
      for (const body of [text, gzipSync(text)]) {
        for (const options of [{}, { strict: true }, { validate: false }, { onInvalid: 'skip' as const }]) {
          const { records, error } = await collect(new Uint8Array(body as Buffer | Uint8Array).slice(), options);
          expect(foreignError(error)).toBeUndefined();
          expect(records.length).toBeLessThanOrEqual(1);
          if (records[0]) {
            // what came out is usable without recursion blowing up in the library
            expect(lib.classifyIdentity(records[0].userIdentity, records[0]).kind).toBeTypeOf('string');
            const r = safeParseRecord(records[0], { strict: true });
            expect(r.success === true || isCloudTrailParseError(r.error)).toBe(true);
          }
        }
      }
    });
  }

  it('parseRecord on a 100,000-deep value: a result or a CloudTrailParseError', () => {
    const value = JSON.parse(`{"eventVersion":"1.11","userIdentity":{"sessionContext":${objects}}}`);
    for (const strict of [false, true]) {
      try {
        parseRecord(value, { strict });
      } catch (e) {
        expect(foreignError(e)).toBeUndefined();
      }
    }
  });
});

describe('prototype pollution', () => {
  const P = '{"polluted":"yes","__proto__":{"polluted":"yes"}}';
  const evil = () => `{"__proto__":${P},"constructor":{"prototype":${P}},"prototype":${P}}`.replace(/}$/, '');
  const nested = (fields: string) => `${evil()},${fields}}`;
  const record = nested(
    [
      '"eventVersion":"1.11"',
      '"eventName":"CreateMeeting"',
      `"userIdentity":${nested(
        [
          '"type":"AssumedRole"',
          '"arn":"arn:aws:sts::123456789012:assumed-role/R/s"',
          '"accessKeyId":"ASIAEXAMPLE"',
          `"sessionContext":${nested(
            [
              `"sessionIssuer":${nested('"type":"Role","arn":"arn:aws:iam::123456789012:role/R"')}`,
              `"attributes":${nested('"mfaAuthenticated":"true"')}`,
              `"webIdFederationData":${nested(`"attributes":${nested('"k":"v"')}`)}`,
            ].join(','),
          )}`,
          `"onBehalfOf":${nested('"userId":"u"')}`,
          `"inScopeOf":${nested('"sourceArn":"arn"')}`,
        ].join(','),
      )}`,
      `"requestParameters":${nested('"a":1')}`,
      `"resources":[${nested('"ARN":"arn"')}]`,
      `"tlsDetails":${nested('"tlsVersion":"TLSv1.3"')}`,
      `"addendum":${nested('"reason":"x"')}`,
      `"insightDetails":${nested(`"insightContext":${nested('"a":1')}`)}`,
    ].join(','),
  );

  const clean = () => {
    for (const proto of [Object.prototype, Array.prototype, Function.prototype]) {
      expect((proto as Record<string, unknown>).polluted).toBeUndefined();
    }
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.keys(Object.prototype)).toEqual([]);
  };
  afterEach(clean);

  it('the test record really carries the keys (as own properties)', () => {
    const r = JSON.parse(record);
    expect(Object.hasOwn(r, '__proto__')).toBe(true);
    expect(Object.hasOwn(r.userIdentity.sessionContext.sessionIssuer, '__proto__')).toBe(true);
    expect(Object.getPrototypeOf(r)).toBe(Object.prototype);
  });

  it('readRecords / readLogFile (lenient, strict, unvalidated, every layout, gzip) change no prototype', async () => {
    const bodies = [
      `{"Records":[${record}]}`,
      `[${record}]`,
      `${record}\n${record}\n`,
      record,
      `{"__proto__":{"polluted":1},"Records":[${record}]}`,
    ];
    for (const text of bodies) {
      for (const body of [text, new Uint8Array(gzipSync(text))]) {
        for (const options of [{}, { validate: false }, { strict: true, onInvalid: 'skip' as const }]) {
          const { records, error } = await collect(body, options);
          expect(error).toBeUndefined();
          for (const r of records) {
            expect(Object.getPrototypeOf(r)).toBe(Object.prototype);
            expect((r as Record<string, unknown>).polluted).toBeUndefined();
          }
          clean();
        }
        await readLogFile(body, { onInvalid: 'skip' });
        clean();
      }
    }
  });

  it('a digest file with __proto__ keys', async () => {
    const digest = nested(
      '"digestStartTime":"t","digestEndTime":"t","digestS3Bucket":"b","digestS3Object":"o","digestPublicKeyFingerprint":"f",' +
        `"logFiles":[${nested('"s3Bucket":"b","s3Object":"o","hashValue":"h"')}]`,
    );
    const file = await readLogFile(digest);
    expect(file.kind).toBe('digest');
    for await (const _ of readRecords(digest)) expect.unreachable();
  });

  it('parseRecord / safeParseRecord / the zod schemas (lenient and strict) change no prototype', () => {
    const value = JSON.parse(record);
    expect(parseRecord(value)).toBe(value);
    clean();
    const strict = safeParseRecord(value, { strict: true });
    expect(strict.success).toBe(false); // unknown keys are deviations in strict mode
    clean();
    const parsed = lib.CloudTrailRecordSchema.parse(value) as Record<string, unknown>;
    clean();
    // zod builds a new object: an own "__proto__" key must not become its prototype
    expect(Object.getPrototypeOf(parsed)).toBe(Object.prototype);
    expect(parsed.polluted).toBeUndefined();
    lib.CloudTrailRecordStrictSchema.safeParse(value);
    lib.UserIdentitySchema.parse(value.userIdentity);
  });

  it('classifyIdentity / describeIdentity change no prototype and copy no input key', () => {
    const value = JSON.parse(record);
    const id = lib.classifyIdentity(value.userIdentity, value);
    clean();
    expect(Object.hasOwn(id, '__proto__')).toBe(false);
    expect((id as unknown as Record<string, unknown>).polluted).toBeUndefined();
    expect(lib.describeIdentity(id)).toBeTypeOf('string');
    for (const ui of [value, value.userIdentity.sessionContext, JSON.parse(P), null, 'x', []]) {
      lib.classifyIdentity(ui, value);
      clean();
    }
  });

  it('envelopes (fromEventBridge, fromLookupEvents, fromCloudWatchLogs) change no prototype', async () => {
    const event = JSON.parse(
      nested(`"detail-type":"AWS API Call via CloudTrail","source":"aws.chime","detail":${record}`),
    );
    expect(lib.fromEventBridge(event).eventName).toBe('CreateMeeting');
    clean();
    const lookup = JSON.parse(nested(`"Events":[${nested(`"CloudTrailEvent":${JSON.stringify(record)}`)}]`));
    expect(lib.fromLookupEvents(lookup)).toHaveLength(1);
    clean();
    const payload = `{"__proto__":{"polluted":1},"messageType":"DATA_MESSAGE","logEvents":[{"id":"1","timestamp":1,"message":${JSON.stringify(record)}}]}`;
    const data = gzipSync(payload).toString('base64');
    const out = await lib.fromCloudWatchLogs({ awslogs: { data } });
    expect(out).toHaveLength(1);
    clean();
  });
});

describe('megabyte strings: no super-linear regular expression anywhere', () => {
  const big = (s: string) => s.repeat(Math.ceil(MiB / s.length)).slice(0, MiB);
  // Super-linear work on a 1 MB input (10^12 steps for a quadratic scan) cannot end within the
  // test timeout, so finishing is the assertion; the latencies are measured, not asserted, by
  // scripts/bench/adversarial.mjs (no wall-clock assertions in tests).
  const finishes = (label: string, fn: () => unknown) => {
    expect(() => fn(), label).not.toThrow();
  };
  const fillers = [
    'a',
    ':',
    '/',
    'a:',
    'a/',
    ':/',
    ' ',
    '-',
    '_',
    'arn:aws:',
    'AROA',
    'AWSReservedSSO_',
    '.amazonaws.com',
    '@',
    '1',
  ];

  it('classifyIdentity with 1 MB ARNs, principal ids, user agents and types', () => {
    for (const f of fillers) {
      const s = big(f);
      const ids = [
        { type: 'AssumedRole', arn: `arn:aws:sts::123456789012:assumed-role/${s}`, principalId: `AROA:${s}` },
        { type: 'AssumedRole', arn: `arn:aws:sts::${s}`, principalId: s, accessKeyId: s },
        { type: 'IAMUser', arn: `arn:aws:iam::123456789012:user/${s}`, userName: s },
        { type: 'Root', arn: s, accountId: s },
        { type: 'FederatedUser', arn: `arn:aws:sts::123456789012:federated-user/${s}` },
        { type: s, invokedBy: s, arn: s },
        { invokedBy: s },
        {
          type: 'AssumedRole',
          arn: s,
          sessionContext: {
            sessionIssuer: { arn: `arn:aws:iam::1:role/${s}`, userName: s },
            attributes: { creationDate: s, mfaAuthenticated: s },
          },
        },
      ];
      for (const ui of ids) {
        finishes(`classifyIdentity(${f})`, () =>
          lib.classifyIdentity(ui, { userAgent: s, sourceIPAddress: s, eventType: s, recipientAccountId: s }),
        );
      }
    }
  });

  it('parseLogFileKey with 1 MB keys', () => {
    for (const f of fillers) {
      const s = big(f);
      const keys = [
        s,
        `${s}.json.gz`,
        `AWSLogs/${s}/CloudTrail/us-east-1/2024/05/01/x.json.gz`,
        `${s}/AWSLogs/123456789012/CloudTrail/us-east-1/2024/05/01/123456789012_CloudTrail_us-east-1_20240501T1205Z_abc.json.gz`,
        `AWSLogs/123456789012/CloudTrail/us-east-1/2024/05/01/123456789012_CloudTrail_us-east-1_${s}.json.gz`,
        `AWSLogs/o-abc/123456789012/CloudTrail-Digest/us-east-1/2024/05/01/${s}_backfill.json.gz`,
      ];
      for (const key of keys) finishes(`parseLogFileKey(${f})`, () => lib.parseLogFileKey(key));
    }
  });

  it('schemas (lenient and strict) with 1 MB eventTime, eventVersion and ids', () => {
    for (const f of ['1', '0', '1.', '9-', ' ', 'T', ':']) {
      const s = big(f);
      const value = {
        eventVersion: s,
        eventTime: s,
        awsRegion: s,
        eventID: s,
        eventType: s,
        eventName: s,
        eventSource: s,
      };
      finishes(`parseRecord(${f})`, () => parseRecord(value));
      finishes(`strict(${f})`, () => safeParseRecord(value, { strict: true }));
    }
  });
});

/** Regex sources in `src/**\/*.ts` (literals and `RegExp(...)` with literal patterns), excluding generated code. */
function sourceRegexes(): { file: string; source: string }[] {
  const files: string[] = [];
  const walk = (dir: string) => {
    for (const e of readdirSync(dir, { withFileTypes: true })) {
      const p = join(dir, e.name);
      if (e.isDirectory()) {
        if (!p.replaceAll('\\', '/').endsWith('src/chime/generated')) walk(p);
      } else if (p.endsWith('.ts')) files.push(p);
    }
  };
  walk('src');
  const out: { file: string; source: string }[] = [];
  for (const file of files) {
    const sf = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true);
    const visit = (n: ts.Node) => {
      if (n.kind === ts.SyntaxKind.RegularExpressionLiteral) {
        const text = n.getText(sf);
        out.push({ file, source: text.slice(1, text.lastIndexOf('/')) });
      } else if (
        (ts.isNewExpression(n) || ts.isCallExpression(n)) &&
        n.expression.getText(sf) === 'RegExp' &&
        n.arguments?.[0] &&
        ts.isStringLiteralLike(n.arguments[0])
      ) {
        out.push({ file, source: n.arguments[0].text });
      }
      ts.forEachChild(n, visit);
    };
    visit(sf);
  }
  return out;
}

/**
 * Static heuristic: a group that contains an unbounded quantifier (`+`, `*`, `{n,}`) and is
 * itself repeated without bound (`(a+)+`, `(.*)*`, `(\w+\s?)*`) can backtrack exponentially.
 */
function nestedQuantifier(source: string): boolean {
  const stack: boolean[] = []; // per open group: contains an unbounded quantifier
  let inClass = false;
  const unboundedAt = (i: number) => {
    const c = source[i];
    if (c === '+' || c === '*') return true;
    if (c === '{') return /^\{\d*,\}/.test(source.slice(i));
    return false;
  };
  for (let i = 0; i < source.length; i++) {
    const c = source[i];
    if (c === '\\') {
      i++;
      if (unboundedAt(i + 1) && stack.length > 0) stack[stack.length - 1] = true;
      continue;
    }
    if (inClass) {
      if (c === ']') {
        inClass = false;
        if (unboundedAt(i + 1) && stack.length > 0) stack[stack.length - 1] = true;
      }
      continue;
    }
    if (c === '[') inClass = true;
    else if (c === '(') stack.push(false);
    else if (c === ')') {
      const inner = stack.pop() ?? false;
      const repeated = unboundedAt(i + 1);
      if (inner && repeated) return true;
      if ((inner || repeated) && stack.length > 0) stack[stack.length - 1] = true;
    } else if (unboundedAt(i + 1) && stack.length > 0) stack[stack.length - 1] = true;
  }
  return false;
}

describe('static regex check', () => {
  it('the heuristic flags the classic catastrophic shapes and passes safe ones', () => {
    for (const bad of ['(a+)+', '(.*)*', '^(\\w+\\s?)*$', '(a|b*)+', '((ab)+c)*', '([a-z]+)+$', '(x+x+){2,}']) {
      expect(nestedQuantifier(bad), bad).toBe(true);
    }
    for (const ok of ['^\\d+\\.\\d+$', '^(?:\\.\\d{1,9})?Z$', '(ab)+', '[+*]+', '\\(a+\\)+', '(a{2,3})+', '^\\.']) {
      expect(nestedQuantifier(ok), ok).toBe(false);
    }
  });

  it('no regex in src/ (outside generated code) has nested unbounded quantifiers', () => {
    const found = sourceRegexes();
    expect(found.length).toBeGreaterThan(0);
    const bad = found.filter((r) => nestedQuantifier(r.source));
    expect(bad).toEqual([]);
  });
});
