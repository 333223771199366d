// Browser page: reads bodies fetched from the test server with the core reader, in every body form.
import { readRecords } from '../../../src/index.js';

/** How the page hands the fetched body to `readRecords`. */
export type BodyForm = 'blob' | 'file' | 'stream' | 'arraybuffer' | 'bytes' | 'sdk-like';

/** What the page read. */
export interface PageRead {
  records: unknown[];
  /** First two bytes the page saw (after any inflation by the browser's HTTP layer). */
  head: number[];
  contentEncoding: string | null;
  userAgent: string;
}

async function body(res: Response, form: BodyForm): Promise<Parameters<typeof readRecords>[0]> {
  switch (form) {
    case 'blob':
      return res.blob();
    case 'file':
      return new File([await res.blob()], 'log.json.gz');
    case 'stream':
      if (!res.body) throw new Error('no body stream');
      return res.body;
    case 'arraybuffer':
      return res.arrayBuffer();
    case 'bytes':
      return new Uint8Array(await res.arrayBuffer());
    case 'sdk-like': {
      const stream = res.body;
      if (!stream) throw new Error('no body stream');
      return { transformToWebStream: () => stream };
    }
  }
}

/** Fetches `url` and reads it with `readRecords`. */
export async function readUrl(url: string, form: BodyForm): Promise<PageRead> {
  const res = await fetch(url);
  if (!res.ok) throw new Error(`${url}: HTTP ${res.status}`);
  const probe = new Uint8Array(await res.clone().arrayBuffer()).slice(0, 2);
  const records: unknown[] = [];
  for await (const record of readRecords(await body(res, form))) records.push(record);
  return {
    records,
    head: [...probe],
    contentEncoding: res.headers.get('content-encoding'),
    userAgent: navigator.userAgent,
  };
}

/** Reads `url` and returns the error's code (for damaged bodies). */
export async function errorCode(url: string): Promise<string> {
  try {
    for await (const _ of readRecords(await (await fetch(url)).blob())) {
      // drain
    }
    return 'none';
  } catch (e) {
    return (e as { code?: string }).code ?? String(e);
  }
}
