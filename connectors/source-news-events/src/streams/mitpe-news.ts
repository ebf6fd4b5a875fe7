import type { HttpClient } from '../../../cdk';
import schema from '../../schemas/mitpe_news.json';
import { joinUrl } from '../client';
import { MitpeFeed } from './mitpe-feed';

/** MIT PE news (`/feeds/news/?page=N`), items as published; incremental on `date`. */
export class MitpeNews extends MitpeFeed {
  readonly name = 'mitpe_news';
  readonly jsonSchema = schema as Record<string, unknown>;
  readonly primaryKey = [['id']];
  readonly cursorField = ['date'];

  constructor(client: HttpClient, base: string, maxPages: number) {
    super(client, joinUrl(base, '/feeds/news/'), maxPages);
  }
}
