#!/usr/bin/env node
/**
 * Builds the viewer (examples/viewer/main.ts, bundled for the browser with esbuild into
 * examples/viewer/dist/) and serves it on 127.0.0.1.
 *
 * Usage: node examples/viewer/serve.mjs [--port 8080] [--build-only]
 *   --port 0 picks a free port. The URL is printed on stdout as "Viewer: http://127.0.0.1:PORT/".
 */
import { readFile } from 'node:fs/promises';
import http from 'node:http';
import { dirname, extname, join, normalize } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as esbuild from 'esbuild';

const here = dirname(fileURLToPath(import.meta.url));
const args = process.argv.slice(2);
const option = (name) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
};
const port = Number(option('--port') ?? process.env.PORT ?? 8080);

await esbuild.build({
  entryPoints: [join(here, 'main.ts')],
  outfile: join(here, 'dist/main.js'),
  bundle: true,
  format: 'esm',
  platform: 'browser',
  target: 'es2022',
  minify: true,
  sourcemap: true,
  legalComments: 'none',
  logLevel: 'warning',
});
if (args.includes('--build-only')) process.exit(0);

const types = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.map': 'application/json',
  '.css': 'text/css',
};
const server = http.createServer(async (req, res) => {
  const path = new URL(req.url ?? '/', 'http://localhost').pathname;
  const file = path === '/' ? 'index.html' : normalize(path).replace(/^[/\\]+/, '');
  // only index.html and the bundle are served
  if (file !== 'index.html' && !file.startsWith(`dist${'/'}`)) {
    res.writeHead(404).end();
    return;
  }
  try {
    const body = await readFile(join(here, file));
    res.writeHead(200, {
      'content-type': types[extname(file)] ?? 'application/octet-stream',
      'cache-control': 'no-store',
      'content-security-policy': "default-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:",
    });
    res.end(body);
  } catch {
    res.writeHead(404).end();
  }
});
server.listen(port, '127.0.0.1', () => {
  const address = server.address();
  const actual = typeof address === 'object' && address ? address.port : port;
  console.log(`Viewer: http://127.0.0.1:${actual}/`);
  console.log('Drop CloudTrail .json.gz files on the page (try examples/logs). Ctrl-C stops the server.');
});
const stop = () => {
  server.close(() => process.exit(0));
  server.closeAllConnections();
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
