import { Checkpoint, Stream, type ReadContext, type StreamItem } from '../../../cdk';
import type { HttpClient } from '../../../cdk';
import schema from '../../schemas/medium_news.json';
import { attributeOf, parseFeed, rfc822ToIso, textOf } from '../../../cdk/feed-parser';

/**
 * The Medium RSS feed: one record per `<item>` as parsed (`content:encoded`, `dc:creator`, categories),
 * with `guid` (the item's guid, else its link) and `published_at` (pubDate, ISO 8601 UTC; the cursor).
 * A malformed item, or one with neither guid nor link, is skipped with a logged reason; the rest loads.
 */
export class MediumNews extends Stream {
  readonly name = 'medium_news';
  readonly jsonSchema = schema as Record<string, unknown>;
  readonly primaryKey = [['guid']];
  readonly cursorField = ['published_at'];

  constructor(
    private readonly client: HttpClient,
    private readonly feedUrl: string,
  ) {
    super();
  }

  async *readRecords(ctx: ReadContext): AsyncIterable<StreamItem> {
    const res = await this.client.send<string>(
      { url: this.feedUrl, headers: { Accept: 'application/rss+xml, application/xml, text/xml' } },
      { expect: 'text', onRateLimited: ctx.rateLimited },
    );
    const feed = parseFeed(res.data);
    let skipped = feed.skipped.length;
    for (const s of feed.skipped) ctx.logger.warn(`medium_news: item ${s.index + 1} skipped: ${s.reason}`);
    for (const it of feed.items) {
      const guid = textOf(it.fields.guid) || textOf(it.fields.link) || attributeOf(it.fields.link, 'href');
      if (!guid) {
        skipped++;
        ctx.logger.warn(`medium_news: item ${it.index + 1} skipped: no guid or link`);
        continue;
      }
      yield { guid, published_at: rfc822ToIso(textOf(it.fields.pubDate)), item: it.fields };
    }
    if (skipped)
      ctx.logger.warn(
        `medium_news: ${skipped} item(s) skipped, ${feed.items.length + feed.skipped.length - skipped} loaded`,
      );
    yield new Checkpoint();
  }
}
