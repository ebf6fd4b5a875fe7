import { valueAtPath } from '../cursor';
import { SystemError } from '../errors';
import type { HttpRequest, HttpResponse } from './http-types';

/**
 * A pagination strategy: given the first request, the response to the current request and the records
 * read from it, the next request (or undefined at the end). Strategies are stateless between streams;
 * per-stream progress lives in the requests they return.
 */
export interface Paginator {
  next(current: HttpRequest, response: HttpResponse, records: readonly unknown[]): HttpRequest | undefined;
}

/** One request only. */
export class NoPagination implements Paginator {
  next(): undefined {
    return undefined;
  }
}

/**
 * The next page's URL is in the body (DRF `next`, JSON:API `links.next`). `origin`: `any` follows it
 * as given; `force` keeps the path and query but uses the current request's scheme and host (MITx
 * Online's rule, also what makes a replay server or mirror work); `same` refuses a foreign host.
 */
export class NextUrlPaginator implements Paginator {
  constructor(
    private readonly path: string[] = ['next'],
    private readonly origin: 'any' | 'force' | 'same' = 'force',
  ) {}
  next(current: HttpRequest, response: HttpResponse): HttpRequest | undefined {
    const next = valueAtPath(response.data, this.path);
    if (typeof next !== 'string' || !next) return undefined;
    const base = new URL(response.url);
    const target = new URL(next, base);
    if (target.origin !== base.origin) {
      if (this.origin === 'same') {
        throw new SystemError(`the next page is on another host (${target.origin}), refusing to follow it`, {
          where: response.url,
        });
      }
      if (this.origin === 'force') {
        target.protocol = base.protocol;
        target.host = base.host;
      }
    }
    // The next URL carries the query; the first request's params must not be added again.
    return { ...current, url: target.toString(), params: undefined };
  }
}

/** `?page=N` from `start`, until a page has no records (or fewer than `pageSize` when given). */
export class PageNumberPaginator implements Paginator {
  constructor(
    private readonly options: {
      param?: string;
      start?: number;
      pageSize?: number;
      pageSizeParam?: string;
    } = {},
  ) {}
  first(req: HttpRequest): HttpRequest {
    const o = this.options;
    return {
      ...req,
      params: {
        ...(req.params ?? {}),
        [o.param ?? 'page']: o.start ?? 1,
        ...(o.pageSize && o.pageSizeParam ? { [o.pageSizeParam]: o.pageSize } : {}),
      },
    };
  }
  next(current: HttpRequest, _response: HttpResponse, records: readonly unknown[]): HttpRequest | undefined {
    const o = this.options;
    if (records.length === 0 || (o.pageSize !== undefined && records.length < o.pageSize)) return undefined;
    const param = o.param ?? 'page';
    const page = Number(current.params?.[param] ?? o.start ?? 1);
    return { ...current, params: { ...(current.params ?? {}), [param]: page + 1 } };
  }
}

/** `?offset=N&limit=M`, until a short page or the total (read from `totalPath`) is reached. */
export class OffsetLimitPaginator implements Paginator {
  constructor(
    private readonly options: {
      limit: number;
      offsetParam?: string;
      limitParam?: string;
      totalPath?: string[];
    },
  ) {}
  first(req: HttpRequest): HttpRequest {
    const o = this.options;
    return {
      ...req,
      params: { ...(req.params ?? {}), [o.offsetParam ?? 'offset']: 0, [o.limitParam ?? 'limit']: o.limit },
    };
  }
  next(current: HttpRequest, response: HttpResponse, records: readonly unknown[]): HttpRequest | undefined {
    const o = this.options;
    const offsetParam = o.offsetParam ?? 'offset';
    const offset = Number(current.params?.[offsetParam] ?? 0) + records.length;
    if (records.length === 0 || records.length < o.limit) return undefined;
    if (o.totalPath) {
      const total = Number(valueAtPath(response.data, o.totalPath));
      if (Number.isFinite(total) && offset >= total) return undefined;
    }
    return { ...current, params: { ...(current.params ?? {}), [offsetParam]: offset } };
  }
}

/** A continuation token in the body (YouTube's `nextPageToken`) sent back as a parameter. */
export class CursorTokenPaginator implements Paginator {
  constructor(private readonly options: { tokenPath?: string[]; param?: string } = {}) {}
  next(current: HttpRequest, response: HttpResponse): HttpRequest | undefined {
    const token = valueAtPath(response.data, this.options.tokenPath ?? ['nextPageToken']);
    if (token === undefined || token === null || token === '') return undefined;
    return {
      ...current,
      params: { ...(current.params ?? {}), [this.options.param ?? 'pageToken']: String(token) },
    };
  }
}

/** RFC 8288 `Link: <url>; rel="next"` (GitHub, many REST APIs). */
export class LinkHeaderPaginator implements Paginator {
  constructor(private readonly rel = 'next') {}
  next(current: HttpRequest, response: HttpResponse): HttpRequest | undefined {
    const link = parseLinkHeader(response.headers.link)[this.rel];
    if (!link) return undefined;
    return { ...current, url: new URL(link, response.url).toString(), params: undefined };
  }
}

/** `<a>; rel="next", <b>; rel="last"` → `{ next: 'a', last: 'b' }`. */
export function parseLinkHeader(header: string | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  if (!header) return out;
  for (const part of header.split(/,(?=\s*<)/)) {
    const m = /<([^>]*)>(.*)/.exec(part.trim());
    if (!m) continue;
    const rel = /;\s*rel\s*=\s*"?([^";]+)"?/i.exec(m[2]);
    if (!rel) continue;
    for (const r of rel[1].trim().split(/\s+/)) out[r] = m[1];
  }
  return out;
}

/** Paginators that change the first request (page/offset parameters). */
export function firstRequest(paginator: Paginator, req: HttpRequest): HttpRequest {
  const p = paginator as Paginator & { first?: (r: HttpRequest) => HttpRequest };
  return p.first ? p.first(req) : req;
}
