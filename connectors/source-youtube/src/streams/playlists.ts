import { Checkpoint, Stream, type ReadContext, type StreamItem } from '../../../cdk';
import schema from '../../schemas/playlists.json';
import type { YoutubeCatalog } from '../youtube-catalog';

/**
 * The configured playlists (`playlists.list` by ids, or by channel for `all`, minus the ignored ones),
 * each with the settings it inherits (`channel_id`, `offered_by`, `create_videos`) under `config`.
 */
export class Playlists extends Stream {
  readonly name = 'playlists';
  readonly jsonSchema = schema as Record<string, unknown>;
  readonly primaryKey = [['id']];
  readonly cursorField: string[] = [];

  constructor(private readonly catalog: YoutubeCatalog) {
    super();
  }

  async *readRecords(ctx: ReadContext): AsyncIterable<StreamItem> {
    for (const { item, settings } of await this.catalog.playlists(ctx.rateLimited))
      yield { ...item, config: settings };
    yield new Checkpoint();
  }
}
