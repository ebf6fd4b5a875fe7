import type { AirbyteConnectionStatus, ConnectorLogger, Source, Stream } from '../../cdk';
import { PodcastsClient } from './client';
import { PodcastCatalog } from './podcast-catalog';
import { spec, type PodcastsConfig } from './spec';
import { Episodes } from './streams/episodes';
import { Podcasts } from './streams/podcasts';

/** Podcasts: YAML configs from a git-hosted folder (or a local one) and each config's RSS feed. */
export class PodcastsSource implements Source<PodcastsConfig> {
  readonly name = 'source-podcasts';
  readonly version = '0.1.0';

  spec() {
    return spec;
  }

  async check(config: PodcastsConfig, logger: ConnectorLogger): Promise<AirbyteConnectionStatus> {
    if (!config.podcast_configs_url && !config.podcast_configs_path) {
      return { status: 'FAILED', message: 'set podcast_configs_url or podcast_configs_path' };
    }
    const client = new PodcastsClient(
      { ...config, max_retries: Math.min(config.max_retries ?? 5, 2) },
      logger,
      this.version,
    );
    const files = await client.configFiles();
    if (!files.length) {
      const where = config.podcast_configs_path ? 'podcast_configs_path' : 'podcast_configs_url';
      return { status: 'FAILED', message: `${where}: no *.yaml or *.yml podcast config found there` };
    }
    return { status: 'SUCCEEDED' };
  }

  streams(config: PodcastsConfig, logger: ConnectorLogger): Stream[] {
    const catalog = new PodcastCatalog(new PodcastsClient(config, logger, this.version), logger);
    return [new Podcasts(catalog), new Episodes(catalog)];
  }
}
