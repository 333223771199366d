/**
 * Shared harness of the browser tests: bundles an entry module for the browser with esbuild
 * (no Node polyfills; a `node:` or Node built-in import fails the build), serves it from a
 * throwaway `node:http` server on 127.0.0.1, and runs it in Debian Chromium via playwright-core.
 *
 * ```ts
 * await withBrowserPage('test/browser/pages/read.ts', async ({ page, url }) => {
 *   const n = await page.evaluate(() => (window as any).someExport());
 * }, { files: { '/data.json.gz': { body: gz } } });
 * ```
 * The entry's exports are on `window.__exports`; `window.__ready` is true once it has loaded.
 */
import { existsSync } from 'node:fs';
import http from 'node:http';
import { builtinModules } from 'node:module';
import type { AddressInfo } from 'node:net';
import { resolve } from 'node:path';
import * as esbuild from 'esbuild';
import { type Browser, chromium, type Page } from 'playwright-core';
import { CHROMIUM_ARGS, chromiumPath } from '../../scripts/chromium.mjs';

export { CHROMIUM_ARGS, chromiumPath };

/**
 * Whether browser tests can run. When Chromium is missing: in CI (or with `CHROMIUM_PATH` set)
 * this throws, so the suite fails; locally it warns loudly and the tests are skipped.
 */
export function browserAvailable(): boolean {
  if (existsSync(chromiumPath)) return true;
  const message = `Chromium not found at ${chromiumPath}`;
  if (process.env.CI || process.env.CHROMIUM_PATH) throw new Error(`${message} (required: CI or CHROMIUM_PATH is set)`);
  console.warn(`\n!!! ${message}: SKIPPING the browser tests (set CHROMIUM_PATH or install chromium) !!!\n`);
  return false;
}

/** One static response of the test server. */
export interface ServedFile {
  body: Uint8Array | string;
  /** Extra headers (e.g. `content-encoding: gzip`); content-type defaults to application/octet-stream. */
  headers?: Record<string, string> | undefined;
  /** Sends the body in chunks of this size with short pauses (a real stream in the page). */
  chunk?: number;
}

/** Refuses every Node built-in, whatever esbuild's platform rules would do. */
const noNodeModules: esbuild.Plugin = {
  name: 'no-node-modules',
  setup(build) {
    const builtins = new Set(builtinModules);
    build.onResolve({ filter: /.*/ }, (args) => {
      const bare = args.path.replace(/^node:/, '').split('/')[0] ?? '';
      if (args.path.startsWith('node:') || builtins.has(bare) || builtins.has(args.path)) {
        return { errors: [{ text: `Node module "${args.path}" imported by ${args.importer} in a browser bundle` }] };
      }
      return undefined;
    });
  },
};

/**
 * Bundles `entry` (relative to the project root, or absolute) for the browser as one classic
 * script whose exports land on `window.__exports`.
 * Throws (failing the test) if anything in the graph imports a Node module.
 */
export async function bundleForBrowser(entry: string): Promise<string> {
  const result = await esbuild.build({
    entryPoints: [resolve(entry)],
    bundle: true,
    format: 'iife',
    globalName: '__exports',
    platform: 'browser',
    target: 'es2022',
    write: false,
    minify: false,
    sourcemap: 'inline',
    logLevel: 'silent',
    plugins: [noNodeModules],
    footer: { js: 'window.__ready = true;' },
  });
  const out = result.outputFiles[0];
  if (!out) throw new Error(`esbuild produced no output for ${entry}`);
  return out.text;
}

/** A running test server. */
export interface TestServer {
  url: string;
  /** Adds or replaces a served path. */
  set(path: string, file: ServedFile): void;
  close(): Promise<void>;
}

/** Starts a `node:http` server on 127.0.0.1 (random port) serving the given files. */
export async function startServer(files: Record<string, ServedFile> = {}): Promise<TestServer> {
  const map = new Map(Object.entries(files));
  const server = http.createServer(async (req, res) => {
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    const file = map.get(path);
    if (!file) {
      res.writeHead(path === '/favicon.ico' ? 204 : 404);
      res.end();
      return;
    }
    const body = typeof file.body === 'string' ? Buffer.from(file.body) : Buffer.from(file.body);
    res.writeHead(200, {
      'content-type': 'application/octet-stream',
      'content-length': String(body.length),
      'cache-control': 'no-store',
      'access-control-allow-origin': '*',
      ...file.headers,
    });
    if (!file.chunk) {
      res.end(body);
      return;
    }
    for (let i = 0; i < body.length; i += file.chunk) {
      res.write(body.subarray(i, i + file.chunk));
      await new Promise((r) => setTimeout(r, 1));
    }
    res.end();
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    set: (path, file) => map.set(path, file),
    close: () =>
      new Promise<void>((r) => {
        server.closeAllConnections();
        server.close(() => r());
      }),
  };
}

/** Launches Chromium (throwaway profile). */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: chromiumPath, args: CHROMIUM_ARGS, headless: true });
}

/** What {@link withBrowserPage} hands to its callback. */
export interface BrowserPageContext {
  page: Page;
  /** Base URL of the test server (the page's origin). */
  url: string;
  server: TestServer;
  /** Calls an export of the entry module in the page, with JSON-serialisable arguments. */
  call<T = unknown>(name: string, ...args: unknown[]): Promise<T>;
}

/**
 * Bundles `entry` for the browser, serves it (plus `files`) from a local server, opens it in
 * Chromium and runs `fn`; always closes the browser and the server. Console errors and page
 * errors of the page are forwarded to the test's output.
 */
export async function withBrowserPage<T>(
  entry: string,
  fn: (ctx: BrowserPageContext) => Promise<T>,
  options: { files?: Record<string, ServedFile>; browser?: Browser } = {},
): Promise<T> {
  const bundle = await bundleForBrowser(entry);
  const server = await startServer({
    ...options.files,
    '/': {
      body: '<!doctype html><meta charset="utf-8"><title>test</title><script src="/entry.js"></script>',
      headers: { 'content-type': 'text/html; charset=utf-8' },
    },
    '/entry.js': {
      body: bundle,
      headers: { 'content-type': 'text/javascript; charset=utf-8' },
    },
  });
  const browser = options.browser ?? (await launchChromium());
  try {
    const page = await browser.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(String(e)));
    page.on('console', (m) => {
      if (m.type() === 'error') errors.push(m.text());
    });
    await page.goto(`${server.url}/`);
    await page
      .waitForFunction(() => (window as unknown as { __ready?: boolean }).__ready === true, undefined, {
        timeout: 20_000,
      })
      .catch((e: unknown) => {
        throw new Error(`page did not load: ${errors.join('; ') || String(e)}`);
      });
    const call = <R>(name: string, ...args: unknown[]) =>
      page.evaluate(
        ([n, a]) => {
          const fns = (window as unknown as { __exports: Record<string, (...x: unknown[]) => unknown> }).__exports;
          const f = fns[n as string];
          if (typeof f !== 'function') throw new Error(`no export ${String(n)}`);
          return f(...(a as unknown[]));
        },
        [name, args] as const,
      ) as Promise<R>;
    const result = await fn({ page, url: server.url, server, call });
    await page.close();
    return result;
  } finally {
    if (!options.browser) await browser.close();
    await server.close();
  }
}
