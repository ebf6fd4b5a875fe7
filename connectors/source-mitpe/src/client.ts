import { HttpClient, httpOptionsFromConfig, type ConnectorLogger } from '../../cdk';
import type { MitpeConfig } from './spec';

/** The one HTTP client of an MIT PE run: the base URL and the config's retry and rate settings (no auth). */
export function createMitpeClient(config: MitpeConfig, logger: ConnectorLogger, version: string): HttpClient {
  return new HttpClient({
    ...httpOptionsFromConfig(config, logger),
    baseUrl: config.base_url,
    userAgent: `learnflow-source-mitpe/${version}`,
  });
}
