import type { AirbyteConnectionStatus, ConnectorLogger, Source, Stream } from '../../cdk';
import { createNewsEventsClient } from './client';
import { spec, type NewsEventsConfig } from './spec';
import { MediumNews } from './streams/medium-news';
import { MitpeEvents } from './streams/mitpe-events';
import { MitpeNews } from './streams/mitpe-news';
import { OlEvents } from './streams/ol-events';
import { SloanExecNews } from './streams/sloan-exec-news';
import { SloanWebinars } from './streams/sloan-webinars';

/** MIT Learn's news and events feeds: Medium, MIT PE news and events, OL events, Sloan news and webinars. */
export class NewsEventsSource implements Source<NewsEventsConfig> {
  readonly name = 'source-news-events';
  readonly version = '0.1.0';

  spec() {
    return spec;
  }

  async check(config: NewsEventsConfig, logger: ConnectorLogger): Promise<AirbyteConnectionStatus> {
    const client = createNewsEventsClient(
      { ...config, max_retries: Math.min(config.max_retries ?? 5, 2) },
      logger,
    );
    await client.send({ url: config.medium_feed_url }, { expect: 'text' });
    await client.send(
      { url: `${config.mitpe_base_url.replace(/\/+$/, '')}/feeds/news/`, params: { page: 0 } },
      { expect: 'json' },
    );
    return { status: 'SUCCEEDED' };
  }

  streams(config: NewsEventsConfig, logger: ConnectorLogger): Stream[] {
    const client = createNewsEventsClient(config, logger);
    return [
      new MediumNews(client, config.medium_feed_url),
      new MitpeNews(client, config.mitpe_base_url, config.mitpe_max_pages),
      new MitpeEvents(client, config.mitpe_base_url, config.mitpe_max_pages),
      new OlEvents(
        client,
        config.ol_events_base_url,
        config.ol_events_follow_next,
        config.ol_events_relationships,
      ),
      new SloanExecNews(client, config.sloan_base_url),
      new SloanWebinars(client, config.sloan_base_url),
    ];
  }
}
