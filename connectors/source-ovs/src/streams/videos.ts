import { HttpStream, type HttpClient, type HttpRequest } from '../../../cdk';
import schema from '../../schemas/videos.json';
import { listParams } from '../client';
import type { OvsConfig } from '../spec';
import { StickyQueryPaginator } from './sticky-query-paginator';

/**
 * Public videos, DRF pages (`count`, `next`, `results`). Every video is emitted as the API sends it,
 * including ones that are not public or not yet `Complete` (the transforms decide). `created_at` is a
 * creation time, not a modification time, so the stream is a snapshot.
 */
export class Videos extends HttpStream {
  readonly name = 'videos';
  readonly jsonSchema = schema as Record<string, unknown>;
  readonly primaryKey = [['key']];
  readonly cursorField = [];
  protected override readonly recordsPath = ['results'];
  protected override readonly totalPath = ['count'];

  constructor(
    client: HttpClient,
    private readonly config: OvsConfig,
  ) {
    super(client, new StickyQueryPaginator(listParams(config)));
  }

  request(): HttpRequest {
    return { url: this.config.videos_path, params: listParams(this.config) };
  }
}
