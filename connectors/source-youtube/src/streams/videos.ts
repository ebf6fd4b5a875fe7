import { Checkpoint, Stream, type ReadContext, type StreamItem } from '../../../cdk';
import schema from '../../schemas/videos.json';
import { batches, BATCH, type YoutubeCatalog } from '../youtube-catalog';

/**
 * The videos of the configured playlists (`videos.list`, ids in batches of 50, each id once), as the
 * API returns them. Incremental on `snippet.publishedAt`.
 */
export class Videos extends Stream {
  readonly name = 'videos';
  readonly jsonSchema = schema as Record<string, unknown>;
  readonly primaryKey = [['id']];
  readonly cursorField = ['snippet', 'publishedAt'];

  constructor(private readonly catalog: YoutubeCatalog) {
    super();
  }

  async *readRecords(ctx: ReadContext): AsyncIterable<StreamItem> {
    const ids: string[] = [];
    const seen = new Set<string>();
    for (const { item } of await this.catalog.playlists(ctx.rateLimited)) {
      for (const entry of await this.catalog.playlistItems(String(item.id), ctx.rateLimited)) {
        const id = (entry.contentDetails as { videoId?: unknown } | undefined)?.videoId;
        if (typeof id === 'string' && !seen.has(id)) {
          seen.add(id);
          ids.push(id);
        }
      }
    }
    for (const batch of batches(ids, BATCH)) {
      const videos = await this.catalog.list(
        { url: 'videos', params: { part: 'snippet,contentDetails', id: batch.join(','), maxResults: BATCH } },
        ctx.rateLimited,
      );
      for (const v of videos) yield v;
      yield new Checkpoint();
    }
    if (!ids.length) yield new Checkpoint();
  }
}
