import { Checkpoint, Stream, type StreamItem } from '../../../cdk';
import schema from '../../schemas/episodes.json';
import { attributeOf, rfc822ToIso, textOf } from '../../../cdk/feed-parser';
import type { PodcastCatalog } from '../podcast-catalog';

/**
 * One record per feed `<item>`: the item as parsed (iTunes tags included) under `item`, its XML under
 * `rss`, plus the podcast's `rss_url`, an `episode_id` (the guid, else the link, else the enclosure URL)
 * and `published_at` (pubDate as ISO 8601 UTC), the incremental cursor. Items with none of guid, link
 * or enclosure are skipped with a logged reason.
 */
export class Episodes extends Stream {
  readonly name = 'episodes';
  readonly jsonSchema = schema as Record<string, unknown>;
  readonly primaryKey = [['podcast_rss_url'], ['episode_id']];
  readonly cursorField = ['published_at'];

  constructor(private readonly catalog: PodcastCatalog) {
    super();
  }

  async *readRecords(): AsyncIterable<StreamItem> {
    for (const p of await this.catalog.podcasts()) {
      for (const it of p.items) {
        const f = it.fields;
        const id = textOf(f.guid) || textOf(f.link) || attributeOf(f.enclosure, 'url');
        if (!id) {
          this.catalog.skip(`feed ${p.rssUrl}: item ${it.index + 1}: no guid, link or enclosure`);
          continue;
        }
        yield {
          podcast_rss_url: p.rssUrl,
          episode_id: id,
          published_at: rfc822ToIso(textOf(f.pubDate)),
          item: f,
          rss: it.xml,
        };
      }
      yield new Checkpoint();
    }
  }
}
