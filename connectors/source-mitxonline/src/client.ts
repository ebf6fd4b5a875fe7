import { ApiKeyAuthenticator, HttpClient, httpOptionsFromConfig, type ConnectorLogger } from '../../cdk';
import type { MitxOnlineConfig } from './spec';

/** The one HTTP client of a MITx Online run: base URL, optional `Api-Key`, the config's retry and rate settings. */
export function createMitxOnlineClient(
  config: MitxOnlineConfig,
  logger: ConnectorLogger,
  version: string,
): HttpClient {
  return new HttpClient({
    ...httpOptionsFromConfig(config, logger),
    baseUrl: config.base_url,
    userAgent: `learnflow-source-mitxonline/${version}`,
    authenticator: config.api_key
      ? new ApiKeyAuthenticator(config.api_key, { prefix: 'Api-Key' })
      : undefined,
  });
}

/** The query parameters every list request carries. */
export function listParams(config: MitxOnlineConfig): Record<string, string | number | undefined> {
  return {
    ...(config.live_only ? { live: 'true' } : {}),
    ...(config.page_size ? { page_size: config.page_size } : {}),
  };
}
