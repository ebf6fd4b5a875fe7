import { HttpClient, httpOptionsFromConfig, type ConnectorLogger } from '../../cdk';
import type { NewsEventsConfig } from './spec';

/** One HTTP client for every news and events upstream (all public; absolute URLs from the config). */
export function createNewsEventsClient(config: NewsEventsConfig, logger: ConnectorLogger): HttpClient {
  return new HttpClient({ ...httpOptionsFromConfig(config, logger), userAgent: config.user_agent });
}

/** `base` + `path`, whatever slashes the config has. */
export function joinUrl(base: string, path: string): string {
  return `${base.replace(/\/+$/, '')}/${path.replace(/^\/+/, '')}`;
}
