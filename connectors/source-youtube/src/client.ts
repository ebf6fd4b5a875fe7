import fs from 'node:fs';
import http from 'node:http';
import https from 'node:https';
import axios, { type AxiosInstance, type AxiosResponse } from 'axios';
import {
  ApiKeyAuthenticator,
  ConfigurationError,
  HttpClient,
  httpOptionsFromConfig,
  type ConnectorLogger,
} from '../../cdk';
import type { YoutubeConfig } from './spec';

/** The `error.errors[].reason` values YouTube sends with a 403 when a quota or rate limit is hit. */
export const QUOTA_REASONS = new Set([
  'quotaExceeded',
  'rateLimitExceeded',
  'userRateLimitExceeded',
  'dailyLimitExceeded',
]);

/** The quota reason of a YouTube error body, if it is one. */
export function quotaReason(body: unknown): string | undefined {
  let doc: unknown = body;
  if (typeof body === 'string') {
    try {
      doc = JSON.parse(body);
    } catch (_e) {
      return undefined;
    }
  }
  const errors = (doc as { error?: { errors?: Array<{ reason?: string }> } } | null)?.error?.errors ?? [];
  return errors.map((e) => e.reason ?? '').find((r) => QUOTA_REASONS.has(r));
}

/**
 * The axios transport of the YouTube client. YouTube reports an exhausted quota as HTTP 403 with reason
 * `quotaExceeded` (or a rate-limit reason); the kit's client treats 403 as a permissions problem and
 * 429 as throttling, so such a 403 is handed to it as a 429: it is retried with backoff, the stream
 * reports RATE_LIMITED, and when the retries run out the failure is transient, not a config error.
 */
export function youtubeTransport(timeoutMs: number, concurrency: number): AxiosInstance {
  const instance = axios.create({
    timeout: timeoutMs,
    responseType: 'text',
    transformResponse: [(d: unknown) => d],
    validateStatus: () => true,
    maxRedirects: 5,
    httpAgent: new http.Agent({ keepAlive: true, maxSockets: concurrency }),
    httpsAgent: new https.Agent({ keepAlive: true, maxSockets: concurrency }),
  });
  instance.interceptors.response.use((res: AxiosResponse) => {
    if (res.status === 403 && quotaReason(res.data)) res.status = 429;
    return res;
  });
  return instance;
}

/** The YouTube Data API client (`key=` on every request) and the channels config reader. */
export function createYoutubeClient(
  config: YoutubeConfig,
  logger: ConnectorLogger,
  version: string,
): HttpClient {
  const tuning = httpOptionsFromConfig(config, logger);
  return new HttpClient({
    ...tuning,
    baseUrl: config.base_url,
    userAgent: `learnflow-source-youtube/${version}`,
    authenticator: new ApiKeyAuthenticator(config.api_key, { queryParam: 'key' }),
    axios: youtubeTransport(tuning.timeoutMs ?? 60_000, tuning.maxConcurrency ?? 4),
  });
}

/** The channels YAML text, from the URL (no API key sent there) or the local file. */
export async function readChannelsConfig(
  config: YoutubeConfig,
  logger: ConnectorLogger,
): Promise<{ text: string; where: string }> {
  if (config.channels_config_path) {
    try {
      return { text: fs.readFileSync(config.channels_config_path, 'utf8'), where: 'channels_config_path' };
    } catch (e) {
      throw new ConfigurationError(`cannot read the channels config: ${(e as Error).message}`, {
        where: 'channels_config_path',
      });
    }
  }
  if (!config.channels_config_url) {
    throw new ConfigurationError('set channels_config_url or channels_config_path', {
      where: 'channels_config_url',
    });
  }
  const plain = new HttpClient({ ...httpOptionsFromConfig(config, logger) });
  const res = await plain.send<string>(
    { url: config.channels_config_url, headers: { Accept: 'application/yaml, text/plain, */*' } },
    { expect: 'text' },
  );
  return { text: res.data, where: 'channels_config_url' };
}
