/**
 * Parsing of CloudTrail S3 object keys.
 *
 * @module
 */

/** What a CloudTrail S3 object holds, as told by its key. */
export type LogFileKind = 'log' | 'digest' | 'insight';

/** The parts of a CloudTrail S3 object key, as returned by {@link parseLogFileKey}. */
export interface LogFileKey {
  /** `log` (`CloudTrail/`), `digest` (`CloudTrail-Digest/`) or `insight` (`CloudTrail-Insight/`). */
  kind: LogFileKind;
  /** The account the file belongs to (the member account for organization trails). Not checked to be 12 digits. */
  accountId: string;
  /** The region the events were logged in (the folder name). */
  region: string;
  /** Folder date, `YYYY-MM-DD` (UTC). */
  date: string;
  /** Organization id (`o-…`) of an organization trail. */
  organizationId?: string | undefined;
  /** Name of the trail (digest files only). */
  trailName?: string | undefined;
  /** Home region of the trail (digest files only). */
  homeRegion?: string | undefined;
  /** True for a backfill digest (`…_backfill.json.gz`); only set on digests. */
  backfill?: boolean | undefined;
  /** The key prefix before `AWSLogs/`, without its trailing slash (absent when the key starts with `AWSLogs/`). */
  prefix?: string | undefined;
  /**
   * Time from the file name, ISO 8601 UTC: the delivery time to the minute for log and Insights
   * files (`2024-05-01T12:05:00Z`), the digest end time to the second for digests.
   */
  time?: string | undefined;
}

const FOLDER_KIND: Record<string, LogFileKind | undefined> = {
  CloudTrail: 'log',
  'CloudTrail-Digest': 'digest',
  'CloudTrail-Insight': 'insight',
};

const SUFFIX = '.json.gz';
const BACKFILL = '_backfill';

const isDigits = (s: string, length: number): boolean => {
  if (s.length !== length) return false;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 48 || c > 57) return false;
  }
  return true;
};

/** Lower-case letters, digits and hyphens, starting with a letter (`us-gov-west-1`, `cn-north-1`; lenient for made-up names). */
const isRegion = (s: string): boolean => {
  if (s.length === 0 || s.length > 64) return false;
  const first = s.charCodeAt(0);
  if (first < 97 || first > 122) return false;
  for (let i = 1; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (!((c >= 97 && c <= 122) || (c >= 48 && c <= 57) || c === 45)) return false;
  }
  return true;
};

/** Anything non-empty of reasonable length without `_` (lenient: test corpora hold `xxx`, `redacted`, 15-digit ids...). */
const isAccount = (s: string): boolean => s.length > 0 && s.length <= 64 && !s.includes('_');

const isOrganizationId = (s: string): boolean =>
  s.length > 2 && s.length <= 64 && s.startsWith('o-') && !s.includes('_');

const inRange = (s: string, min: number, max: number): boolean => {
  const n = Number(s);
  return n >= min && n <= max;
};

/** `YYYYMMDDTHHmmZ` (14) or `YYYYMMDDTHHmmssZ` (16) → ISO string, or undefined. */
const parseStamp = (s: string, withSeconds: boolean): string | undefined => {
  const length = withSeconds ? 16 : 14;
  if (s.length !== length || s[8] !== 'T' || s[length - 1] !== 'Z') return undefined;
  const date = s.slice(0, 8);
  const time = s.slice(9, length - 1);
  if (!isDigits(date, 8) || !isDigits(time, withSeconds ? 6 : 4)) return undefined;
  const hh = time.slice(0, 2);
  const mm = time.slice(2, 4);
  const ss = withSeconds ? time.slice(4, 6) : '00';
  if (!inRange(hh, 0, 23) || !inRange(mm, 0, 59) || !inRange(ss, 0, 60)) return undefined;
  return `${date.slice(0, 4)}-${date.slice(4, 6)}-${date.slice(6, 8)}T${hh}:${mm}:${ss}Z`;
};

/** Tail of a log / Insights file name: `YYYYMMDDTHHmmZ_<random>` (random: 1-64 chars without `_`). */
const parseLogTail = (tail: string): string | undefined => {
  const sep = tail.indexOf('_');
  if (sep < 0) return undefined;
  const random = tail.slice(sep + 1);
  if (random.length === 0 || random.length > 64 || random.includes('_')) return undefined;
  return parseStamp(tail.slice(0, sep), false);
};

/**
 * Parses a CloudTrail S3 object key (log file, Insights file or digest file):
 * `[prefix/]AWSLogs/[o-orgid/]<account>/CloudTrail[-Digest|-Insight]/<region>/YYYY/MM/DD/<file>.json.gz`.
 *
 * The key is checked segment by segment from its end (no regular expressions, linear time even
 * for megabyte-long keys); the file name must repeat the account id and region of the folders.
 * Account ids are not required to be 12 digits and region names are only checked for their
 * characters, so keys of any partition (`aws`, `aws-cn`, `aws-us-gov`, ...) parse. A key may
 * start with a leading `/` or a prefix of several segments.
 *
 * Use the key as a hint only: the body decides what a file really is.
 *
 * @param key - The S3 object key (not an `s3://` URL, no bucket name).
 * @returns The parts of the key, or `undefined` when it is not a CloudTrail log, Insights or digest key.
 * @example
 * ```ts
 * import { parseLogFileKey } from 'cloudtrail-chime';
 *
 * parseLogFileKey(
 *   'AWSLogs/111122223333/CloudTrail/us-east-1/2024/05/01/111122223333_CloudTrail_us-east-1_20240501T1205Z_EXAMPLEabcdefghi.json.gz',
 * );
 * // { kind: 'log', accountId: '111122223333', region: 'us-east-1', date: '2024-05-01', time: '2024-05-01T12:05:00Z' }
 * ```
 */
export function parseLogFileKey(key: string): LogFileKey | undefined {
  if (typeof key !== 'string' || !key.endsWith(SUFFIX)) return undefined;
  // Only the last ten segments have fixed positions; find them by scanning back from the end.
  const tailStart = nthSlashFromEnd(key, 10);
  const parts = key.slice(tailStart + 1).split('/');
  // parts: [..., AWSLogs, (o-org,) acct, folder, region, YYYY, MM, DD, file]; at most ten of them
  const n = parts.length;
  if (n < 8) return undefined;
  const [file, dd, mm, yyyy, region, folder, accountId] = [
    parts[n - 1],
    parts[n - 2],
    parts[n - 3],
    parts[n - 4],
    parts[n - 5],
    parts[n - 6],
    parts[n - 7],
  ] as string[];
  const kind = FOLDER_KIND[folder as string];
  if (kind === undefined) return undefined;
  if (!isAccount(accountId as string) || !isRegion(region as string)) return undefined;
  if (!isDigits(yyyy as string, 4) || !isDigits(mm as string, 2) || !isDigits(dd as string, 2)) return undefined;
  if (!inRange(mm as string, 1, 12) || !inRange(dd as string, 1, 31)) return undefined;

  let organizationId: string | undefined;
  let awsLogsIndex = n - 8;
  if (parts[awsLogsIndex] !== 'AWSLogs') {
    const org = parts[awsLogsIndex] as string;
    if (!isOrganizationId(org) || parts[awsLogsIndex - 1] !== 'AWSLogs') return undefined;
    organizationId = org;
    awsLogsIndex -= 1;
  }
  let offset = tailStart + 1;
  for (let i = 0; i < awsLogsIndex; i++) offset += (parts[i] as string).length + 1;
  const prefix = offset > 0 ? key.slice(0, offset - 1) : '';

  const name = (file as string).slice(0, -SUFFIX.length);
  const expected = `${accountId}_${folder}_${region}_`;
  if (!name.startsWith(expected)) return undefined;
  const rest = name.slice(expected.length);

  const result: LogFileKey = {
    kind,
    accountId: accountId as string,
    region: region as string,
    date: `${yyyy}-${mm}-${dd}`,
  };
  if (organizationId !== undefined) result.organizationId = organizationId;
  if (prefix.length > 0) result.prefix = prefix;

  if (kind === 'digest') {
    const backfill = rest.endsWith(BACKFILL);
    const core = backfill ? rest.slice(0, -BACKFILL.length) : rest;
    const stampSep = core.lastIndexOf('_');
    if (stampSep < 0) return undefined;
    const time = parseStamp(core.slice(stampSep + 1), true);
    const regionSep = core.lastIndexOf('_', stampSep - 1);
    if (time === undefined || regionSep <= 0) return undefined;
    const homeRegion = core.slice(regionSep + 1, stampSep);
    const trailName = core.slice(0, regionSep);
    if (!isRegion(homeRegion) || trailName.length === 0 || trailName.length > 128) return undefined;
    result.trailName = trailName;
    result.homeRegion = homeRegion;
    result.backfill = backfill;
    result.time = time;
  } else {
    const time = parseLogTail(rest);
    if (time === undefined) return undefined;
    result.time = time;
  }
  return result;
}

/** Index of the n-th `/` counted from the end of `s`, or -1 when there are fewer. */
function nthSlashFromEnd(s: string, n: number): number {
  let at = s.length;
  for (let i = 0; i < n; i++) {
    if (at === 0) return -1;
    at = s.lastIndexOf('/', at - 1);
    if (at < 0) return -1;
  }
  return at;
}
