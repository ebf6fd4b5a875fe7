import fs from 'node:fs';
import path from 'node:path';
import {
  BearerAuthenticator,
  ConfigurationError,
  HttpClient,
  httpOptionsFromConfig,
  type ConnectorLogger,
} from '../../cdk';
import type { PodcastsConfig } from './spec';

/** One podcast config file: where it came from and its text. */
export interface ConfigFile {
  path: string;
  text: string;
}

/** An entry of a GitHub contents-API folder listing. */
interface ContentsEntry {
  name?: string;
  path?: string;
  type?: string;
  download_url?: string | null;
}

const YAML_FILE = /\.ya?ml$/i;

/**
 * The podcasts upstreams: the config folder (GitHub contents API with an optional token, or a local
 * folder) and the feeds (anonymous, with a browser User-Agent). Two HTTP clients so that the token is
 * never sent to a feed host.
 */
export class PodcastsClient {
  readonly configs: HttpClient;
  readonly feeds: HttpClient;

  constructor(
    private readonly config: PodcastsConfig,
    logger: ConnectorLogger,
    version: string,
  ) {
    const tuning = httpOptionsFromConfig(config, logger);
    this.configs = new HttpClient({
      ...tuning,
      userAgent: `learnflow-source-podcasts/${version}`,
      authenticator: config.github_token ? new BearerAuthenticator(config.github_token) : undefined,
    });
    this.feeds = new HttpClient({ ...tuning, userAgent: config.feed_user_agent });
  }

  /** The YAML config files, sorted by path. */
  async configFiles(): Promise<ConfigFile[]> {
    if (this.config.podcast_configs_path) return readLocalConfigs(this.config.podcast_configs_path);
    const url = this.config.podcast_configs_url;
    if (!url) {
      throw new ConfigurationError('set podcast_configs_url or podcast_configs_path', {
        where: 'podcast_configs_url',
      });
    }
    const listing = await this.configs.send<unknown>({ url }, { expect: 'json' });
    if (!Array.isArray(listing.data)) {
      throw new ConfigurationError(
        'the configs URL did not answer with a folder listing (a JSON array); point it at a contents-API folder',
        { where: 'podcast_configs_url' },
      );
    }
    const entries = (listing.data as ContentsEntry[])
      .filter((e) => e.type === 'file' && YAML_FILE.test(e.name ?? '') && e.download_url)
      .sort((a, b) => String(a.path ?? a.name).localeCompare(String(b.path ?? b.name)));
    const out: ConfigFile[] = [];
    for (const e of entries) {
      const res = await this.configs.send<string>({ url: e.download_url as string }, { expect: 'text' });
      out.push({ path: e.path ?? (e.name as string), text: res.data });
    }
    return out;
  }

  /** A feed's XML text. */
  async feed(url: string): Promise<string> {
    const res = await this.feeds.send<string>(
      { url, headers: { Accept: 'application/rss+xml, application/xml, text/xml' } },
      { expect: 'text' },
    );
    return res.data;
  }
}

function readLocalConfigs(dir: string): ConfigFile[] {
  let names: string[];
  try {
    names = fs.readdirSync(dir);
  } catch (e) {
    throw new ConfigurationError(`cannot read the configs folder: ${(e as Error).message}`, {
      where: 'podcast_configs_path',
    });
  }
  return names
    .filter((n) => YAML_FILE.test(n))
    .sort()
    .map((n) => ({ path: n, text: fs.readFileSync(path.join(dir, n), 'utf8') }));
}
