import {
  HttpStream,
  NextUrlPaginator,
  type HttpClient,
  type HttpRequest,
  type HttpResponse,
  type ReadContext,
} from '../../../cdk';
import { ownedBy } from '../client';

/**
 * An edX list of `{results, next}` pages: follows `next` (on the host the connector talks to, so a
 * mirror or replay server works) and keeps only the records of the configured owner organizations.
 * Records are otherwise emitted exactly as the API returns them.
 */
export abstract class OwnedPagesStream extends HttpStream {
  protected override readonly recordsPath = ['results'];
  protected abstract readonly ownerField: string;

  constructor(
    client: HttpClient,
    private readonly url: string,
    private readonly ownerKeys: readonly string[],
    private readonly pageSize?: number,
  ) {
    super(client, new NextUrlPaginator(['next'], 'force'));
  }

  request(): HttpRequest {
    return { url: this.url, params: this.pageSize ? { page_size: this.pageSize } : undefined };
  }

  override parseRecords(response: HttpResponse, ctx: ReadContext): Record<string, unknown>[] {
    const all = super.parseRecords(response, ctx);
    const kept = all.filter((r) => ownedBy(r, this.ownerField, this.ownerKeys));
    if (kept.length < all.length) {
      ctx.logger.debug(
        `${this.name}: ${all.length - kept.length} record(s) of other owners skipped on ${response.url}`,
      );
    }
    return kept;
  }
}
