import {
  HttpStream,
  PageNumberPaginator,
  SystemError,
  type HttpClient,
  type HttpRequest,
  type HttpResponse,
} from '../../../cdk';

/**
 * An MIT Professional Education Drupal feed (`/feeds/news/`, `/feeds/events/`): a JSON array per
 * `?page=N` from 0, read until a page comes back empty (with a page limit as a safety stop).
 */
export abstract class MitpeFeed extends HttpStream {
  constructor(
    client: HttpClient,
    private readonly url: string,
    maxPages: number,
  ) {
    super(client, new LimitedPages(maxPages));
  }

  request(): HttpRequest {
    return { url: this.url };
  }
}

/** `?page=0,1,…` until an empty page, refusing to go past the limit. */
class LimitedPages extends PageNumberPaginator {
  constructor(private readonly limit: number) {
    super({ param: 'page', start: 0 });
  }
  override next(
    current: HttpRequest,
    response: HttpResponse,
    records: readonly unknown[],
  ): HttpRequest | undefined {
    const next = super.next(current, response, records);
    if (next && Number(next.params?.page) >= this.limit) {
      throw new SystemError(`the feed still had records after ${this.limit} pages; raise mitpe_max_pages`, {
        where: response.url,
      });
    }
    return next;
  }
}
