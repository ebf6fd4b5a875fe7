import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import type { AddressInfo } from 'node:net';

/**
 * A real HTTP server on 127.0.0.1 that replays recorded upstream responses. The connector tests use it
 * (no network, no mocked HTTP client) and so does the offline demo at runtime.
 *
 * Routes match on method, path and (a subset of) the query; the first match wins. A route answers with
 * `body` (objects are sent as JSON), `file` (read when requested), or `handler` (computed, e.g.
 * generated pages). In string and file bodies `{{baseUrl}}` becomes the server's URL, so recorded
 * `next` links point back at the server. `faults` are served, in order, to the first requests that match
 * the route before its normal answer: an HTTP status with headers (429 + Retry-After, 503), `html`
 * (a 200 HTML page where JSON is expected), `truncate` (half the body, then the connection is cut),
 * `reset` (the connection is destroyed without an answer). Every request is recorded.
 */
export type ReplayFault =
  'html' | 'truncate' | 'reset' | { status: number; headers?: Record<string, string>; body?: unknown };

export interface ReplayResponse {
  status?: number;
  headers?: Record<string, string>;
  body?: unknown;
}

export interface ReplayRoute {
  method?: string;
  /** The exact path, e.g. `/api/v2/courses/`. */
  path: string;
  /** Query parameters that must be present with these values (a RegExp tests the value; null = absent). */
  query?: Record<string, string | RegExp | null>;
  /** Headers that must be present with these values (e.g. `authorization`); other requests fall through. */
  requireHeaders?: Record<string, string | RegExp>;
  status?: number;
  headers?: Record<string, string>;
  body?: unknown;
  /** A file whose contents are the body (JSON content type for .json, XML for .xml/.rss). */
  file?: string;
  handler?: (req: RecordedRequest, server: { url: string }) => ReplayResponse | Promise<ReplayResponse>;
  faults?: ReplayFault[];
}

export interface RecordedRequest {
  method: string;
  path: string;
  query: Record<string, string>;
  headers: Record<string, string>;
  body: string;
  /** Index of the route that answered, or -1 when none matched. */
  route: number;
  /** What was served: `ok`, a fault name, or `unmatched`. */
  served: string;
}

export interface ReplayServer {
  /** `http://127.0.0.1:<port>` */
  url: string;
  requests: RecordedRequest[];
  close(): Promise<void>;
}

export async function startReplayServer(
  routes: ReplayRoute[],
  options: { port?: number } = {},
): Promise<ReplayServer> {
  const requests: RecordedRequest[] = [];
  const faultQueues = routes.map((r) => [...(r.faults ?? [])]);
  let url = '';
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      void answer(req, res, Buffer.concat(chunks).toString('utf8')).catch((e: unknown) => {
        if (!res.headersSent) {
          res.writeHead(500, { 'content-type': 'application/json' });
          res.end(JSON.stringify({ detail: `replay server error: ${(e as Error).message}` }));
        } else res.destroy();
      });
    });
  });

  async function answer(req: http.IncomingMessage, res: http.ServerResponse, body: string) {
    const u = new URL(req.url ?? '/', 'http://127.0.0.1');
    const query = Object.fromEntries(u.searchParams.entries());
    const headers: Record<string, string> = {};
    for (const [k, v] of Object.entries(req.headers))
      if (v !== undefined) headers[k] = Array.isArray(v) ? v.join(', ') : v;
    const method = (req.method ?? 'GET').toUpperCase();
    const index = routes.findIndex((r) => matches(r, method, u.pathname, query, headers));
    const recorded: RecordedRequest = {
      method,
      path: u.pathname,
      query,
      headers,
      body,
      route: index,
      served: 'ok',
    };
    requests.push(recorded);
    if (index < 0) {
      recorded.served = 'unmatched';
      res.writeHead(404, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ detail: `no replay route for ${method} ${u.pathname}${u.search}` }));
      return;
    }
    const route = routes[index];
    const fault = faultQueues[index].shift();
    if (fault !== undefined) {
      recorded.served = typeof fault === 'string' ? fault : `status ${fault.status}`;
      if (fault === 'reset') {
        req.socket.destroy();
        return;
      }
      if (fault === 'html') {
        send(
          res,
          200,
          { 'content-type': 'text/html; charset=utf-8' },
          '<!DOCTYPE html><html><body><h1>Service maintenance</h1></body></html>',
        );
        return;
      }
      if (fault !== 'truncate') {
        send(
          res,
          fault.status,
          fault.headers ?? {},
          fault.body ?? { detail: `injected HTTP ${fault.status}` },
        );
        return;
      }
    }
    const r = route.handler
      ? await route.handler(recorded, { url })
      : {
          status: route.status,
          headers: route.headers,
          body: route.file !== undefined ? readFile(route.file) : route.body,
        };
    const type = route.file && /\.(xml|rss)$/i.test(route.file) ? 'application/xml' : undefined;
    const headersOut = {
      ...(type ? { 'content-type': type } : {}),
      ...(route.headers ?? {}),
      ...(r.headers ?? {}),
    };
    if (fault === 'truncate') {
      const full = Buffer.from(serialise(r.body ?? '', url));
      res.writeHead(r.status ?? 200, {
        'content-type': 'application/json',
        ...headersOut,
        'content-length': String(full.length),
      });
      res.write(full.subarray(0, Math.max(1, Math.floor(full.length / 2))), () => res.destroy());
      return;
    }
    send(res, r.status ?? route.status ?? 200, headersOut, r.body ?? '');
  }

  function send(res: http.ServerResponse, status: number, headers: Record<string, string>, body: unknown) {
    const text = serialise(body, url);
    const isJson = typeof body !== 'string' && !Buffer.isBuffer(body);
    const lower = Object.fromEntries(Object.entries(headers).map(([k, v]) => [k.toLowerCase(), v]));
    res.writeHead(status, {
      ...(isJson || lower['content-type'] === undefined ? { 'content-type': 'application/json' } : {}),
      ...lower,
      'content-length': String(Buffer.byteLength(text)),
    });
    res.end(text);
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  server.keepAliveTimeout = 5_000;
  return {
    url,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

function matches(
  route: ReplayRoute,
  method: string,
  pathname: string,
  query: Record<string, string>,
  headers: Record<string, string>,
): boolean {
  if ((route.method ?? 'GET').toUpperCase() !== method) return false;
  if (route.path !== pathname) return false;
  for (const [k, want] of Object.entries(route.query ?? {})) {
    const got = query[k];
    if (want === null) {
      if (got !== undefined) return false;
    } else if (got === undefined) return false;
    else if (want instanceof RegExp ? !want.test(got) : got !== want) return false;
  }
  for (const [k, want] of Object.entries(route.requireHeaders ?? {})) {
    const got = headers[k.toLowerCase()];
    if (got === undefined || (want instanceof RegExp ? !want.test(got) : got !== want)) return false;
  }
  return true;
}

function readFile(file: string): string {
  return fs.readFileSync(file, 'utf8');
}

function serialise(body: unknown, url: string): string | Buffer {
  if (Buffer.isBuffer(body)) return body;
  const text = typeof body === 'string' ? body : JSON.stringify(body);
  return text.includes('{{baseUrl}}') ? text.split('{{baseUrl}}').join(url) : text;
}

/**
 * Routes from a JSON file (for the demo and for fixtures folders): an array of routes whose `file`
 * paths are relative to the JSON file.
 */
export function loadReplayRoutes(file: string): ReplayRoute[] {
  const routes = JSON.parse(fs.readFileSync(file, 'utf8')) as ReplayRoute[];
  const dir = path.dirname(file);
  return routes.map((r) => (r.file ? { ...r, file: path.resolve(dir, r.file) } : r));
}
