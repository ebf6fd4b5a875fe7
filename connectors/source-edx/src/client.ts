import { HttpClient, OAuth2ClientCredentials, httpOptionsFromConfig, type ConnectorLogger } from '../../cdk';
import type { EdxConfig } from './spec';

/**
 * The one HTTP client of an edX run: OAuth2 client credentials asking for a JWT (`token_type=jwt`) and
 * sending `Authorization: JWT <token>`, shared by the catalog and Discovery hosts (the URLs are absolute).
 */
export function createEdxClient(config: EdxConfig, logger: ConnectorLogger, version: string): HttpClient {
  logger.addSecret(config.client_secret);
  return new HttpClient({
    ...httpOptionsFromConfig(config, logger),
    userAgent: `learnflow-source-edx/${version}`,
    authenticator: new OAuth2ClientCredentials({
      tokenUrl: config.token_url,
      clientId: config.client_id,
      clientSecret: config.client_secret,
      tokenType: 'jwt',
    }),
  });
}

/** True when the record lists one of `keys` under `field[].key` (always true when `keys` is empty). */
export function ownedBy(record: Record<string, unknown>, field: string, keys: readonly string[]): boolean {
  if (!keys.length) return true;
  const orgs = record[field];
  if (!Array.isArray(orgs)) return false;
  return orgs.some(
    (o) => typeof o === 'object' && o !== null && keys.includes(String((o as { key?: unknown }).key)),
  );
}
