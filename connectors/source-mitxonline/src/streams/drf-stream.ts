import { HttpStream, NextUrlPaginator, type HttpClient, type HttpRequest } from '../../../cdk';
import { listParams } from '../client';
import type { MitxOnlineConfig } from '../spec';

/**
 * A Django REST Framework list endpoint: `{count, next, previous, results}` pages, following `next`
 * on the configured host (MITx Online's own rule: the scheme and host of `next` are replaced by the
 * ones the connector talks to). `count` becomes the ESTIMATE.
 */
export abstract class DrfStream extends HttpStream {
  protected override readonly recordsPath = ['results'];
  protected override readonly totalPath = ['count'];

  constructor(
    client: HttpClient,
    protected readonly config: MitxOnlineConfig,
    private readonly path: string,
  ) {
    super(client, new NextUrlPaginator(['next'], 'force'));
  }

  request(): HttpRequest {
    return { url: this.path, params: listParams(this.config) };
  }
}
