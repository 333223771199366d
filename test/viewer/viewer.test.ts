/**
 * The viewer page in real Chromium: builds it and serves it with examples/viewer/serve.mjs (random
 * port), feeds every sample log file through the file input, and checks that the page shows the
 * same counts as `cloudtrail-chime summary --json`. Saves test/artifacts/viewer.png.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { type Browser, chromium } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ChimeSummary } from '../../src/chime/index.js';
import { browserAvailable, CHROMIUM_ARGS, chromiumPath } from '../browser/harness.js';
import { ensureCli, root, runCli, sampleLogs, walk } from '../cli/helpers.js';

const available = browserAvailable();

let server: ChildProcess | undefined;
let browser: Browser | undefined;
let url = '';

async function startViewer(): Promise<string> {
  const child = spawn(process.execPath, [join(root, 'examples/viewer/serve.mjs'), '--port', '0'], {
    cwd: root,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  server = child;
  return new Promise((resolve, reject) => {
    let out = '';
    let err = '';
    const timer = setTimeout(() => reject(new Error(`viewer did not start: ${out}${err}`)), 60_000);
    child.stderr!.on('data', (d: Buffer) => (err += d.toString()));
    child.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /Viewer: (http:\/\/127\.0\.0\.1:\d+\/)/.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve(m[1]!);
      }
    });
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`viewer exited with ${code}: ${out}${err}`));
    });
  });
}

describe.skipIf(!available)('viewer page', () => {
  beforeAll(async () => {
    ensureCli();
    url = await startViewer();
    browser = await chromium.launch({ executablePath: chromiumPath, args: CHROMIUM_ARGS });
  });

  afterAll(async () => {
    await browser?.close();
    if (server && server.exitCode === null) {
      const exited = new Promise((resolve) => server!.once('exit', resolve));
      server.kill('SIGTERM');
      await exited;
    }
  });

  it('shows the same counts as the CLI for the sample logs', async () => {
    const run = runCli(['summary', '--json', 'examples/logs']);
    expect(run.code, run.stderr).toBe(0);
    const cli = JSON.parse(run.stdout) as ChimeSummary;
    const page = await browser!.newPage({ viewport: { width: 1280, height: 900 } });
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    const requests: string[] = [];
    page.on('request', (r) => requests.push(r.url()));
    await page.goto(url);
    const files = walk(sampleLogs).filter((f) => f.endsWith('.json.gz'));
    expect(files.length).toBe(cli.input.filesRead + cli.input.digestFiles);
    await page.setInputFiles('#files', files);
    await page.waitForSelector('#status[data-done="true"]', { timeout: 30_000 });

    // the tables on the page
    const byEvent = await page.$$eval('#by-event tbody tr', (rows) =>
      rows.map((r) => [...r.querySelectorAll('td')].map((td) => td.textContent ?? '')),
    );
    expect(
      byEvent.map(([name, ns, count, errs]) => ({
        name,
        ns,
        count: Number(count!.replace(/,/g, '')),
        errs: Number(errs),
      })),
    ).toEqual(cli.byEvent.map((e) => ({ name: e.eventName, ns: e.namespace ?? '?', count: e.count, errs: e.errors })));
    const byNamespace = await page.$$eval('#by-namespace tbody tr', (rows) =>
      rows.map((r) => [...r.querySelectorAll('td')].map((td) => td.textContent ?? '')),
    );
    expect(byNamespace).toEqual(cli.byNamespace.map((n) => [n.namespace ?? '?', String(n.count), String(n.errors)]));
    const byIdentity = await page.$$eval('#by-identity tbody tr', (rows) =>
      rows.map((r) => [...r.querySelectorAll('td')].map((td) => td.textContent ?? '')),
    );
    expect(byIdentity).toEqual(cli.byIdentity.map((i) => [i.kind, i.credentials, String(i.count), String(i.errors)]));
    const byError = await page.$$eval('#by-error tbody tr', (rows) =>
      rows.map((r) => [...r.querySelectorAll('td')].map((td) => td.textContent ?? '')),
    );
    expect(byError).toEqual(cli.byErrorCode.map((e) => [e.errorCode, String(e.count)]));
    const callers = await page.$$eval('#callers tbody tr td:first-child', (cells) =>
      cells.map((c) => c.childNodes[0]?.textContent ?? ''),
    );
    expect(callers.slice(0, cli.topCallers.length)).toEqual(cli.topCallers.map((c) => c.caller));
    const files_ = await page.textContent('#input dd[data-field="files"]');
    expect(files_).toBe(`${cli.input.filesRead} read, 0 invalid, ${cli.input.digestFiles} digest skipped`);

    // the summary object behind the page equals the CLI's (apart from the longer caller list)
    const result = await page.evaluate(() => window.__viewer!.summary);
    // (the CLI's JSON also lists the files it could not read: none here)
    const { invalid, ...cliSummary } = cli as typeof cli & { invalid?: unknown[] };
    expect(invalid).toEqual([]);
    expect({ ...result, topCallers: result.topCallers.slice(0, cli.topCallers.length) }).toEqual(cliSummary);

    // the timeline holds every matched event
    const bars = await page.$$eval('#timeline-svg rect title', (t) => t.map((x) => x.textContent ?? ''));
    const total = bars.reduce((s, t) => s + Number(t.split(': ').at(-1)), 0);
    expect(total).toBe(cli.input.matchedRecords);

    expect(errors).toEqual([]);
    expect(requests.every((r) => r.startsWith(url))).toBe(true);
    mkdirSync(join(root, 'test/artifacts'), { recursive: true });
    await page.screenshot({ path: join(root, 'test/artifacts/viewer.png'), fullPage: true });
    await page.close();
  });
});
