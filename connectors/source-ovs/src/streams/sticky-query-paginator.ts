import { NextUrlPaginator, type HttpRequest, type HttpResponse, type Paginator } from '../../../cdk';

/**
 * DRF `next` paging that puts the list's own query parameters back on every next URL when the upstream
 * drops them (MIT Learn re-adds `include_in_learn` the same way), on the host the connector talks to.
 */
export class StickyQueryPaginator implements Paginator {
  private readonly inner = new NextUrlPaginator(['next'], 'force');

  constructor(private readonly sticky: Record<string, string>) {}

  next(current: HttpRequest, response: HttpResponse, _records: readonly unknown[]): HttpRequest | undefined {
    const next = this.inner.next(current, response);
    if (!next) return undefined;
    const url = new URL(next.url);
    for (const [k, v] of Object.entries(this.sticky))
      if (!url.searchParams.has(k)) url.searchParams.set(k, v);
    return { ...next, url: url.toString() };
  }
}
