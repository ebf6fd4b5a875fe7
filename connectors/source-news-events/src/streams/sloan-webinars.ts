import { Checkpoint, Stream, type HttpClient, type ReadContext, type StreamItem } from '../../../cdk';
import schema from '../../schemas/sloan_webinars.json';
import { callAura, fetchTopicPage } from '../aura-client';

/**
 * MIT Sloan Executive Education webinars: the same Aura flow on `/s/webinars`, with two actions (the
 * "Upcoming Webinars" cards and the "Recent Webinar" posts). Content items as returned, each once.
 */
export class SloanWebinars extends Stream {
  readonly name = 'sloan_webinars';
  readonly jsonSchema = schema as Record<string, unknown>;
  readonly primaryKey = [['contentKey']];
  readonly cursorField: string[] = [];

  constructor(
    private readonly client: HttpClient,
    private readonly base: string,
  ) {
    super();
  }

  async *readRecords(ctx: ReadContext): AsyncIterable<StreamItem> {
    const results = await callAura(
      this.client,
      this.base,
      '/s/webinars',
      [
        fetchTopicPage('1;a', 'Card_Display_Item', 'Upcoming Webinars', 'markup://c:CMS_CardDisplayList'),
        fetchTopicPage('2;a', 'Webinar_Post', 'Recent Webinar', 'markup://c:CMS_WebinarPostList'),
      ],
      ctx.rateLimited,
    );
    const seen = new Set<string>();
    for (const r of results) {
      for (const item of r.returnValue?.content ?? []) {
        const key = String((item as { contentKey?: unknown }).contentKey ?? '');
        if (!key || seen.has(key)) continue;
        seen.add(key);
        yield item as Record<string, unknown>;
      }
    }
    yield new Checkpoint();
  }
}
