import { Checkpoint, Stream, type HttpClient, type ReadContext, type StreamItem } from '../../../cdk';
import schema from '../../schemas/sloan_exec_news.json';
import { callAura, fetchTopicPage } from '../aura-client';

/**
 * MIT Sloan Executive Education blog posts: the Aura `fetchTopicPage` action for `Blog_Post` (20, newest
 * first) after reading `/s/blog` for the framework and app ids. Content items as returned; incremental
 * on `publishedDate`.
 */
export class SloanExecNews extends Stream {
  readonly name = 'sloan_exec_news';
  readonly jsonSchema = schema as Record<string, unknown>;
  readonly primaryKey = [['managedContentId']];
  readonly cursorField = ['publishedDate'];

  constructor(
    private readonly client: HttpClient,
    private readonly base: string,
  ) {
    super();
  }

  async *readRecords(ctx: ReadContext): AsyncIterable<StreamItem> {
    const [result] = await callAura(
      this.client,
      this.base,
      '/s/blog',
      [fetchTopicPage('111;a', 'Blog_Post', '', 'markup://c:CMS_BlogPostList')],
      ctx.rateLimited,
    );
    for (const item of result.returnValue?.content ?? [])
      if (item && typeof item === 'object') yield item as Record<string, unknown>;
    yield new Checkpoint();
  }
}
