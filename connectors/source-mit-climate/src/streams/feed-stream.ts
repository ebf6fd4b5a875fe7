import { HttpStream, NoPagination, type HttpClient, type HttpRequest } from '../../../cdk';

/**
 * A Climate Portal JSON feed: one request, the body is the whole array of articles. `topics` stays the
 * raw `|`-joined string; `created` is a creation time only, so feeds are snapshots.
 */
export abstract class FeedStream extends HttpStream {
  readonly primaryKey = [['uuid']];
  readonly cursorField = [];

  constructor(
    client: HttpClient,
    private readonly path: string,
  ) {
    super(client, new NoPagination());
  }

  request(): HttpRequest {
    return { url: this.path };
  }
}
