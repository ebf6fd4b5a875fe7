import { Checkpoint, Stream, type ReadContext, type StreamItem } from '../../../cdk';
import schema from '../../schemas/playlist_items.json';
import type { YoutubeCatalog } from '../youtube-catalog';

/** Every item of every configured playlist (`playlistItems.list`, 50 a page, `nextPageToken`), with `playlist_id`. */
export class PlaylistItems extends Stream {
  readonly name = 'playlist_items';
  readonly jsonSchema = schema as Record<string, unknown>;
  readonly primaryKey = [['id']];
  readonly cursorField: string[] = [];

  constructor(private readonly catalog: YoutubeCatalog) {
    super();
  }

  async *readRecords(ctx: ReadContext): AsyncIterable<StreamItem> {
    for (const { item } of await this.catalog.playlists(ctx.rateLimited)) {
      const playlistId = String(item.id);
      for (const entry of await this.catalog.playlistItems(playlistId, ctx.rateLimited))
        yield { ...entry, playlist_id: playlistId };
      yield new Checkpoint();
    }
  }
}
