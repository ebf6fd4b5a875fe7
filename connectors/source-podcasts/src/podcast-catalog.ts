import { load as loadYaml } from 'js-yaml';
import { ConfigurationError, type ConnectorLogger } from '../../cdk';
import type { PodcastsClient } from './client';
import { FeedFormatError, parseFeed, type FeedItem } from '../../cdk/feed-parser';

/** A podcast: its config file, the config as written, and its parsed feed. */
export interface Podcast {
  configPath: string;
  config: Record<string, unknown>;
  rssUrl: string;
  channel: Record<string, unknown>;
  items: FeedItem[];
}

/**
 * Loads the podcast configs and their feeds once per run, for both streams. A config without
 * `rss_url`, unreadable YAML, a feed that is gone (404) or not RSS is skipped with a logged reason; a
 * malformed item is skipped inside its feed. Transient failures (5xx after retries) are not hidden.
 */
export class PodcastCatalog {
  private loading?: Promise<Podcast[]>;
  /** Why things were skipped (counted in the logs, inspected by tests). */
  readonly skipped: string[] = [];

  constructor(
    private readonly client: PodcastsClient,
    private readonly logger: ConnectorLogger,
  ) {}

  podcasts(): Promise<Podcast[]> {
    this.loading ??= this.load();
    return this.loading;
  }

  skip(reason: string): void {
    this.skipped.push(reason);
    this.logger.warn(`skipped: ${reason}`);
  }

  private async load(): Promise<Podcast[]> {
    const files = await this.client.configFiles();
    const out: Podcast[] = [];
    for (const file of files) {
      let config: unknown;
      try {
        config = loadYaml(file.text);
      } catch (e) {
        this.skip(`config ${file.path}: not valid YAML (${(e as Error).message.split('\n')[0]})`);
        continue;
      }
      if (!config || typeof config !== 'object' || Array.isArray(config)) {
        this.skip(`config ${file.path}: not a YAML mapping`);
        continue;
      }
      const rssUrl = (config as Record<string, unknown>).rss_url;
      if (typeof rssUrl !== 'string' || !/^https?:\/\//.test(rssUrl)) {
        this.skip(`config ${file.path}: no rss_url`);
        continue;
      }
      let text: string;
      try {
        text = await this.client.feed(rssUrl);
      } catch (e) {
        if (!(e instanceof ConfigurationError)) throw e;
        this.skip(`feed ${rssUrl} (${file.path}): ${e.message}`);
        continue;
      }
      try {
        const feed = parseFeed(text);
        for (const s of feed.skipped) this.skip(`feed ${rssUrl}: item ${s.index + 1}: ${s.reason}`);
        out.push({
          configPath: file.path,
          config: config as Record<string, unknown>,
          rssUrl,
          channel: feed.channel,
          items: feed.items,
        });
      } catch (e) {
        if (!(e instanceof FeedFormatError)) throw e;
        this.skip(`feed ${rssUrl} (${file.path}): ${e.message}`);
      }
    }
    this.logger.info(
      `${out.length} podcast(s) loaded from ${files.length} config(s); ${this.skipped.length} skip(s)`,
    );
    return out;
  }
}
