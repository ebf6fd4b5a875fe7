import { valueAtPath } from '../cursor';
import { SystemError } from '../errors';
import { Checkpoint, Estimate, Stream, type ReadContext, type StreamItem, type StreamState } from '../stream';
import type { HttpClient } from './http-client';
import type { ExpectedBody, HttpRequest, HttpResponse } from './http-types';
import { firstRequest, type Paginator } from './paginators';

/**
 * A stream over an HTTP API. A subclass names the request (`request(ctx)`), where the records are
 * (`recordsPath`, or `parseRecords`), and the paginator; the base pages through, yields each page's
 * records, a Checkpoint after each page, and an Estimate when `totalPath` gives a total. A page's
 * records are yielded only once the whole page has arrived and parsed, so a failing page emits nothing.
 * With `prefetch`, the next page is fetched while the current one is emitted.
 */
export abstract class HttpStream<S extends StreamState = StreamState> extends Stream<S> {
  /** Path to the records array in the body; `[]` when the body is the array. */
  protected readonly recordsPath: string[] = [];
  /** Path to the total number of records (DRF `count`), for ESTIMATE. */
  protected readonly totalPath?: string[];
  protected readonly expect: ExpectedBody = 'json';
  /**
   * Request the next page while the current one is emitted: faster against a slow upstream, at the
   * cost of a second page in memory (default false).
   */
  protected readonly prefetch: boolean = false;

  constructor(
    protected readonly client: HttpClient,
    protected readonly paginator: Paginator,
  ) {
    super();
  }

  /** The first request of a slice. */
  abstract request(ctx: ReadContext<S>): HttpRequest;

  /** The records of one page. The default reads `recordsPath`, which must hold an array. */
  parseRecords(response: HttpResponse, _ctx: ReadContext<S>): Record<string, unknown>[] {
    const value = this.recordsPath.length ? valueAtPath(response.data, this.recordsPath) : response.data;
    if (!Array.isArray(value)) {
      const where = this.recordsPath.length ? `'${this.recordsPath.join('.')}'` : 'the body';
      throw new SystemError(
        `expected an array of records at ${where}, got ${value === null ? 'null' : typeof value}`,
        {
          where: `stream ${this.name}, ${response.url}`,
        },
      );
    }
    return value as Record<string, unknown>[];
  }

  async *readRecords(ctx: ReadContext<S>): AsyncIterable<StreamItem> {
    const fetchPage = (req: HttpRequest) => {
      const p = this.client.send(req, { expect: this.expect, onRateLimited: ctx.rateLimited });
      // A prefetched page may fail while the previous one is still being emitted; the error is raised
      // when the page is awaited, not as an unhandled rejection.
      p.catch(() => undefined);
      return p;
    };
    let req: HttpRequest | undefined = firstRequest(this.paginator, this.request(ctx));
    let pending: Promise<HttpResponse> | undefined = fetchPage(req);
    let pages = 0;
    while (req && pending) {
      const response = await pending;
      const records = this.parseRecords(response, ctx);
      if (pages === 0 && this.totalPath) {
        const total = Number(valueAtPath(response.data, this.totalPath));
        if (Number.isFinite(total)) yield new Estimate(total);
      }
      pages++;
      // The next page is requested while this one is emitted (the upstream and the pipe overlap).
      req = this.paginator.next(req, response, records);
      pending = req ? (this.prefetch ? fetchPage(req) : undefined) : undefined;
      for (const r of records) yield r;
      yield new Checkpoint();
      if (req && !pending) pending = fetchPage(req);
    }
  }
}
