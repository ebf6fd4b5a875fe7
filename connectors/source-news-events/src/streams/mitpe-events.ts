import type { HttpClient } from '../../../cdk';
import schema from '../../schemas/mitpe_events.json';
import { joinUrl } from '../client';
import { MitpeFeed } from './mitpe-feed';

/** MIT PE events (`/feeds/events/?page=N`), items as published (no update timestamp: full refresh). */
export class MitpeEvents extends MitpeFeed {
  readonly name = 'mitpe_events';
  readonly jsonSchema = schema as Record<string, unknown>;
  readonly primaryKey = [['id']];
  readonly cursorField: string[] = [];

  constructor(client: HttpClient, base: string, maxPages: number) {
    super(client, joinUrl(base, '/feeds/events/'), maxPages);
  }
}
