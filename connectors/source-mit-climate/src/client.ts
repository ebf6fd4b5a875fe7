import { HttpClient, httpOptionsFromConfig, type ConnectorLogger } from '../../cdk';
import type { MitClimateConfig } from './spec';

/** The one HTTP client of an MIT Climate run: the base URL and the config's retry and rate settings. */
export function createMitClimateClient(
  config: MitClimateConfig,
  logger: ConnectorLogger,
  version: string,
): HttpClient {
  return new HttpClient({
    ...httpOptionsFromConfig(config, logger),
    baseUrl: config.base_url,
    userAgent: `learnflow-source-mit-climate/${version}`,
  });
}
