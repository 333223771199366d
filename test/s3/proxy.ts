/**
 * An HTTP proxy in front of the local S3 server that records every request and can inject
 * failures (503 SlowDown and the like) and slow down response bodies, for the trail tests.
 */
import { createServer, request as httpRequest, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** A request the proxy saw. */
export interface SeenRequest {
  method: string;
  /** Path without the query (`/bucket/key`), decoded. */
  path: string;
  query: URLSearchParams;
  /** The injected failure's status, when one was sent instead of forwarding. */
  injected?: number;
}

interface Fault {
  match: (r: SeenRequest) => boolean;
  times: number;
  status: number;
  code: string;
}

export interface S3Proxy {
  endpoint: string;
  requests: SeenRequest[];
  /** Responses whose client went away before the body was complete. */
  cancelled: SeenRequest[];
  /** Answers the next `times` requests matching `match` with `status` / `code` instead of forwarding them. */
  inject(match: (r: SeenRequest) => boolean, times: number, status?: number, code?: string): void;
  /** Sends response bodies in 16 KiB pieces, `delayMs` apart (0: at full speed). */
  slowBodies(delayMs: number): void;
  /** Forgets the requests seen. */
  reset(): void;
  close(): Promise<void>;
}

/** Starts a proxy on 127.0.0.1 forwarding to `upstream` (`http://127.0.0.1:port`). */
export async function startProxy(upstream: string): Promise<S3Proxy> {
  const target = new URL(upstream);
  const faults: Fault[] = [];
  let delay = 0;
  const proxy: Omit<S3Proxy, 'endpoint' | 'close'> = {
    requests: [],
    cancelled: [],
    inject(match, times, status = 503, code = 'SlowDown') {
      faults.push({ match, times, status, code });
    },
    slowBodies(ms) {
      delay = ms;
    },
    reset() {
      proxy.requests.length = 0;
      proxy.cancelled.length = 0;
    },
  };

  const handle = (req: IncomingMessage, res: ServerResponse) => {
    const url = new URL(req.url ?? '/', 'http://proxy');
    const seen: SeenRequest = {
      method: req.method ?? 'GET',
      path: decodeURIComponent(url.pathname),
      query: url.searchParams,
    };
    proxy.requests.push(seen);
    const fault = faults.find((f) => f.times > 0 && f.match(seen));
    if (fault) {
      fault.times--;
      seen.injected = fault.status;
      req.resume();
      res.writeHead(fault.status, { 'content-type': 'application/xml' });
      res.end(
        `<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>${fault.code}</Code><Message>injected by the test proxy</Message><RequestId>test</RequestId></Error>`,
      );
      return;
    }
    const upstreamReq = httpRequest(
      { host: target.hostname, port: target.port, method: req.method, path: req.url, headers: req.headers },
      (up) => {
        res.writeHead(up.statusCode ?? 502, up.headers);
        let finished = false;
        res.on('finish', () => {
          finished = true;
        });
        res.on('close', () => {
          if (!finished) {
            proxy.cancelled.push(seen);
            up.destroy();
          }
        });
        if (delay === 0) {
          up.pipe(res);
          return;
        }
        (async () => {
          try {
            for await (const chunk of up as AsyncIterable<Buffer>) {
              for (let at = 0; at < chunk.length; at += 16_384) {
                if (res.destroyed) return;
                res.write(chunk.subarray(at, at + 16_384));
                await new Promise((r) => setTimeout(r, delay));
              }
            }
            res.end();
          } catch {
            res.destroy();
          }
        })();
      },
    );
    upstreamReq.on('error', () => res.destroy());
    req.pipe(upstreamReq);
  };

  const server = createServer(handle);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    ...proxy,
    requests: proxy.requests,
    cancelled: proxy.cancelled,
    endpoint: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
