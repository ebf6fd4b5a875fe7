import { Checkpoint, Stream, type StreamItem } from '../../../cdk';
import schema from '../../schemas/podcasts.json';
import type { PodcastCatalog } from '../podcast-catalog';

/** One record per podcast config with a readable feed: the config as written and the feed's channel. */
export class Podcasts extends Stream {
  readonly name = 'podcasts';
  readonly jsonSchema = schema as Record<string, unknown>;
  readonly primaryKey = [['rss_url']];
  readonly cursorField: string[] = [];

  constructor(private readonly catalog: PodcastCatalog) {
    super();
  }

  async *readRecords(): AsyncIterable<StreamItem> {
    for (const p of await this.catalog.podcasts()) {
      yield { rss_url: p.rssUrl, config_path: p.configPath, config: p.config, channel: p.channel };
    }
    yield new Checkpoint();
  }
}
