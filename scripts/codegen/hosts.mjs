// The API hosts of each Chime namespace, derived from the AWS SDK's own endpoint rules: every
// client resolves its endpoint for every region of every AWS partition, with and without FIPS and
// dual-stack, and the hosts are reduced to `<prefix>.<region>.<suffix>` (chime-catalog.md §3).
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

const require = createRequire(import.meta.url);

/** The AWS partitions (their regions and region patterns), to pick regions to resolve endpoints for. */
function partitions(pkg) {
  const util = require.resolve('@aws-sdk/util-endpoints/package.json', { paths: [require.resolve(pkg)] });
  return JSON.parse(readFileSync(join(dirname(util), 'dist-cjs/lib/aws/partitions.json'), 'utf8')).partitions;
}

/** A region name matching a partition's regex, for partitions that list no region. */
function sampleRegion(partition) {
  const listed = Object.keys(partition.regions).filter((r) => new RegExp(partition.regionRegex).test(r));
  if (listed.length) return listed;
  const m = /^\^([a-z]+)\\-([a-z]+)\\-\\w\+\\-\\d\+\$$/.exec(partition.regionRegex);
  if (!m) throw new Error(`partition ${partition.id}: no region and regex ${partition.regionRegex}`);
  return [`${m[1]}-${m[2]}-east-1`];
}

/**
 * Every host one client package's endpoint provider resolves to.
 * @returns {{ hosts: Set<string>, prefixes: Set<string>, suffixes: Set<string> }}
 */
export function sdkHosts(pkg) {
  const exports = require(pkg);
  const name = Object.keys(exports).find((k) => /^Chime\w*Client$/.test(k));
  if (!name) throw new Error(`${pkg}: no client class`);
  const provider = new exports[name]({ region: 'us-east-1' }).config.endpointProvider;
  const hosts = new Set();
  const prefixes = new Set();
  const suffixes = new Set();
  for (const partition of partitions(pkg)) {
    for (const region of sampleRegion(partition)) {
      for (const UseFIPS of [false, true]) {
        for (const UseDualStack of [false, true]) {
          let host;
          try {
            host = provider({ Region: region, UseFIPS, UseDualStack }).url.hostname;
          } catch {
            continue; // a combination this partition does not support
          }
          hosts.add(host);
          const [prefix, hostRegion, ...rest] = host.split('.');
          const suffix = rest.join('.');
          if ((hostRegion !== region && hostRegion !== 'us-east-1') || !/^[a-z0-9-]+(?:\.[a-z0-9-]+)+$/.test(suffix))
            throw new Error(`${pkg}: host ${host} is not <prefix>.<region>.<suffix>`);
          prefixes.add(prefix);
          suffixes.add(suffix);
        }
      }
    }
  }
  if (hosts.size === 0) throw new Error(`${pkg}: no endpoint resolved`);
  return { hosts, prefixes, suffixes };
}
