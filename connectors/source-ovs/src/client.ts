import { HttpClient, httpOptionsFromConfig, type ConnectorLogger } from '../../cdk';
import type { OvsConfig } from './spec';

/** The one HTTP client of an OVS run: the base URL and the config's retry and rate settings (public API). */
export function createOvsClient(config: OvsConfig, logger: ConnectorLogger, version: string): HttpClient {
  return new HttpClient({
    ...httpOptionsFromConfig(config, logger),
    baseUrl: config.base_url,
    userAgent: `learnflow-source-ovs/${version}`,
  });
}

/** The query every page request carries (the first one and each `next`). */
export function listParams(config: OvsConfig): Record<string, string> {
  return {
    ...(config.include_in_learn_only ? { include_in_learn: 'true' } : {}),
    ...(config.page_size ? { page_size: String(config.page_size) } : {}),
  };
}
