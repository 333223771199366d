/**
 * Listing a trail: the account and region folders (discovered with delimiter listings when not
 * given) and only the day folders of the range, yielding parsed keys in time order.
 *
 * @module
 */
import { type LogFileKey, type LogFileKind, parseLogFileKey } from '../keys/parse-log-file-key.js';
import { dayFolders, folderInRange, type TimeRange, timeInRange } from './range.js';
import type { TrailStore } from './store.js';

/** One object of a trail, as listed. */
export interface TrailObject {
  /** The bucket it is in. */
  bucket: string;
  /** Its key. */
  key: string;
  /** Its size in bytes, when the listing tells. */
  size?: number | undefined;
  /** The parts of its key ({@link parseLogFileKey}). */
  parsed: LogFileKey;
}

/** @internal What to list. */
export interface ListPlan {
  /** Key prefix before `AWSLogs/` (with or without a trailing `/`). */
  prefix?: string | undefined;
  /** Organization id (`o-…`) of an organization trail; discovered when absent. */
  organizationId?: string | undefined;
  /** Accounts to list; discovered when absent. */
  accounts?: readonly string[] | undefined;
  /** Regions to list; discovered when absent. */
  regions?: readonly string[] | undefined;
  /** Kinds of files (default: `['log']`). */
  kinds?: readonly LogFileKind[] | undefined;
  /** Concurrent listings (default 8). */
  concurrency?: number | undefined;
}

const FOLDER: Record<LogFileKind, string> = {
  log: 'CloudTrail',
  digest: 'CloudTrail-Digest',
  insight: 'CloudTrail-Insight',
};

/** @internal A `<…>/<account>/<folder>/<region>/` folder to list days under. */
export interface RegionFolder {
  accountId: string;
  region: string;
  kind: LogFileKind;
  base: string;
}

const lastSegment = (folder: string) => folder.slice(folder.slice(0, -1).lastIndexOf('/') + 1, -1);

/** @internal Runs `task` over `items` with at most `concurrency` at once; results in input order. */
export async function mapLimit<T, R>(
  items: readonly T[],
  concurrency: number,
  task: (item: T) => Promise<R>,
): Promise<R[]> {
  const out = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      out[i] = await task(items[i] as T);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(concurrency, items.length)) }, worker));
  return out;
}

/** @internal The `AWSLogs/[o-org/]<account>/` folders to list, discovered where not given. */
async function accountFolders(store: TrailStore, plan: ListPlan, signal: AbortSignal | undefined): Promise<string[]> {
  const prefix = plan.prefix ? `${plan.prefix.replace(/\/+$/, '')}/` : '';
  const root = `${prefix}AWSLogs/`;
  const orgRoots = plan.organizationId ? [`${root}${plan.organizationId}/`] : undefined;
  if (plan.accounts !== undefined) {
    return (orgRoots ?? [root]).flatMap((r) => plan.accounts!.map((a) => `${r}${a}/`));
  }
  const found: string[] = [];
  if (orgRoots) {
    for (const r of orgRoots) found.push(...(await store.listPrefixes(r, signal)));
    return found;
  }
  for (const folder of await store.listPrefixes(root, signal)) {
    // an organization trail puts the member accounts under AWSLogs/o-…/
    if (lastSegment(folder).startsWith('o-')) found.push(...(await store.listPrefixes(folder, signal)));
    else found.push(folder);
  }
  return found;
}

/** @internal Every `<account>/<folder>/<region>/` folder of the plan's kinds. */
export async function regionFolders(
  store: TrailStore,
  plan: ListPlan,
  signal: AbortSignal | undefined,
): Promise<RegionFolder[]> {
  const kinds = plan.kinds ?? ['log'];
  const accounts = await accountFolders(store, plan, signal);
  const pairs = accounts.flatMap((account) => kinds.map((kind) => ({ account, kind })));
  const lists = await mapLimit(pairs, plan.concurrency ?? 8, async ({ account, kind }) => {
    const kindFolder = `${account}${FOLDER[kind]}/`;
    const regions =
      plan.regions !== undefined
        ? plan.regions.map((r) => `${kindFolder}${r}/`)
        : await store.listPrefixes(kindFolder, signal);
    return regions.map((base) => ({ accountId: lastSegment(account), region: lastSegment(base), kind, base }));
  });
  return lists.flat();
}

/** @internal The day folders (`YYYY/MM/DD/`) of `range` under `base`: computed for a bounded range, else listed. */
async function daysUnder(
  store: TrailStore,
  base: string,
  range: TimeRange,
  signal: AbortSignal | undefined,
): Promise<string[]> {
  if (Number.isFinite(range.since) && Number.isFinite(range.until)) return dayFolders(range);
  let folders = [''];
  for (let depth = 0; depth < 3; depth++) {
    const next: string[] = [];
    for (const f of folders) {
      for (const sub of await store.listPrefixes(`${base}${f}`, signal)) {
        const folder = sub.slice(base.length);
        if (folderInRange(folder, range)) next.push(folder);
      }
    }
    folders = next.sort();
  }
  return folders;
}

/** @internal Lists one day folder: its CloudTrail objects in range, parsed. */
async function listDay(
  store: TrailStore,
  folder: RegionFolder,
  day: string,
  range: TimeRange,
  signal: AbortSignal | undefined,
): Promise<TrailObject[]> {
  const out: TrailObject[] = [];
  for (const { key, size } of await store.listObjects(`${folder.base}${day}`, signal)) {
    const parsed = parseLogFileKey(key);
    if (parsed === undefined || parsed.kind !== folder.kind || !timeInRange(parsed.time, range)) continue;
    out.push({ bucket: store.bucket, key, size, parsed });
  }
  return out;
}

const byTime = (a: TrailObject, b: TrailObject) =>
  a.parsed.time! < b.parsed.time! ? -1 : a.parsed.time! > b.parsed.time! ? 1 : a.key < b.key ? -1 : 1;

/**
 * @internal Yields the CloudTrail objects of the plan whose key time is in `range`, day by day,
 * each day sorted by time (then key). Only the day folders of the range are listed.
 */
export async function* listTrail(
  store: TrailStore,
  plan: ListPlan,
  range: TimeRange,
  signal: AbortSignal | undefined,
): AsyncGenerator<TrailObject> {
  const folders = await regionFolders(store, plan, signal);
  const days = new Map<string, RegionFolder[]>();
  for (const folder of folders) {
    for (const day of await daysUnder(store, folder.base, range, signal)) {
      const list = days.get(day) ?? [];
      list.push(folder);
      days.set(day, list);
    }
  }
  for (const day of [...days.keys()].sort()) {
    const lists = await mapLimit(days.get(day)!, plan.concurrency ?? 8, (f) => listDay(store, f, day, range, signal));
    yield* lists.flat().sort(byTime);
  }
}
