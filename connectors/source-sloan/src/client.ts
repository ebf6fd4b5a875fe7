import { HttpClient, OAuth2ClientCredentials, httpOptionsFromConfig, type ConnectorLogger } from '../../cdk';
import type { SloanConfig } from './spec';

/**
 * The one HTTP client of a Sloan run: OAuth2 client credentials (the token goes out with the scheme the
 * token response names, Bearer by default), the base URL, the config's retry and rate settings.
 */
export function createSloanClient(config: SloanConfig, logger: ConnectorLogger, version: string): HttpClient {
  return new HttpClient({
    ...httpOptionsFromConfig(config, logger),
    baseUrl: config.base_url,
    userAgent: `learnflow-source-sloan/${version}`,
    authenticator: new OAuth2ClientCredentials({
      tokenUrl: config.token_url,
      clientId: config.client_id,
      clientSecret: config.client_secret,
      ...(config.scope ? { scope: config.scope } : {}),
    }),
  });
}
