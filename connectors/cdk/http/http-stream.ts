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
 */
export abstract class HttpStream<S extends StreamState = StreamState> extends Stream<S> {
  /** Path to the records array in the body; `[]` when the body is the array. */
  protected readonly recordsPath: string[] = [];
  /** Path to the total number of records (DRF `count`), for ESTIMATE. */
  protected readonly totalPath?: string[];
  protected readonly expect: ExpectedBody = 'json';

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
    let req: HttpRequest | undefined = firstRequest(this.paginator, this.request(ctx));
    let pages = 0;
    while (req) {
      const response = await this.client.send(req, { expect: this.expect, onRateLimited: ctx.rateLimited });
      const records = this.parseRecords(response, ctx);
      if (pages === 0 && this.totalPath) {
        const total = Number(valueAtPath(response.data, this.totalPath));
        if (Number.isFinite(total)) yield new Estimate(total);
      }
      pages++;
      for (const r of records) yield r;
      yield new Checkpoint();
      req = this.paginator.next(req, response, records);
    }
  }
}
