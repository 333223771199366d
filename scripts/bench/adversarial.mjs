#!/usr/bin/env node
/**
 * Latency of adversarial inputs (not a unit test: the tests count work and leave timing here, so
 * a loaded CI machine cannot make them flaky). Measures, on the built package:
 * - the first record of a record-amplification bomb (1M tiny records, gzip and plain),
 * - parseLogFileKey on 1 MB keys, classifyIdentity on 1 MB ARNs and principal ids.
 *
 *   npm run build && node scripts/bench/adversarial.mjs
 *
 * Prints each figure (best of 3) and exits 1 when one is over its budget. Run it on a quiet machine.
 */
import { gzipSync } from 'node:zlib';

const { classifyIdentity, parseLogFileKey, readRecords } = await import(
  new URL('../../dist/index.js', import.meta.url).href
);

const MiB = 1 << 20;
const best = async (fn) => {
  let min = Number.POSITIVE_INFINITY;
  for (let i = 0; i < 3; i++) {
    const t = performance.now();
    await fn();
    min = Math.min(min, performance.now() - t);
  }
  return min;
};

const bomb = `{"Records":[${'{"eventVersion":"1"},'.repeat(1_000_000)}{}]}`;
const firstRecord = (body) => async () => {
  const it = readRecords(body);
  await it.next();
  await it.return?.();
};
const A = '123456789012';
const tail = `AWSLogs/${A}/CloudTrail/us-east-1/2024/05/01/${A}_CloudTrail_us-east-1_20240501T1205Z_EXAMPLEabcdefghi.json.gz`;
const keys = ['a/'.repeat(MiB / 2) + tail, `${'_'.repeat(MiB)}.json.gz`, 'AWSLogs/'.repeat(MiB / 8), '/'.repeat(MiB)];
const big = 'a'.repeat(MiB);
const identities = [
  { type: 'AssumedRole', arn: `arn:aws:sts::1:assumed-role/${big}/${big}`, principalId: `AROA${big}:${big}` },
  { type: 'AssumedRole', arn: `arn:${':'.repeat(MiB)}`, principalId: ':'.repeat(MiB) },
  { type: 'IAMUser', userName: big, accessKeyId: `AKIA${big}`, arn: `arn:aws:iam::1:user/${big}` },
];

const cases = [
  ['first record of 1M tiny records (gzip)', 500, firstRecord(new Uint8Array(gzipSync(bomb)))],
  ['first record of 1M tiny records (plain)', 500, firstRecord(new TextEncoder().encode(bomb))],
  ['parseLogFileKey, four 1 MB keys', 200, () => keys.map(parseLogFileKey)],
  ['classifyIdentity, three 1 MB identities', 1000, () => identities.map((u) => classifyIdentity(u))],
];

let over = 0;
for (const [name, budget, fn] of cases) {
  const ms = await best(fn);
  const ok = ms <= budget;
  if (!ok) over++;
  console.log(`${ok ? 'ok  ' : 'OVER'} ${name}: ${ms.toFixed(1)} ms (budget ${budget} ms)`);
}
process.exit(over === 0 ? 0 : 1);
