import { HttpClient, httpOptionsFromConfig, type ConnectorLogger } from '../../cdk';
import type { XproConfig } from './spec';

/** The one HTTP client of an xPRO run: the base URL and the config's retry and rate settings (no auth). */
export function createXproClient(config: XproConfig, logger: ConnectorLogger, version: string): HttpClient {
  return new HttpClient({
    ...httpOptionsFromConfig(config, logger),
    baseUrl: config.base_url,
    userAgent: `learnflow-source-xpro/${version}`,
  });
}
