import type { ConnectorLogger } from '../logger';
import type { HttpClientOptions } from './http-client';

/**
 * The tuning fields every HTTP source offers in its spec (spread into `connectionSpecification.properties`)
 * and turns into client options with `httpOptionsFromConfig`. All optional, with defaults.
 */
export const HTTP_SPEC_PROPERTIES = {
  request_timeout_seconds: {
    type: 'integer',
    title: 'Request timeout (seconds)',
    description: 'How long one request may take before it is retried.',
    default: 60,
    minimum: 1,
  },
  max_retries: {
    type: 'integer',
    title: 'Retries',
    description: 'Retries for 429, 5xx, timeouts and resets before the stream fails.',
    default: 5,
    minimum: 0,
  },
  retry_backoff_seconds: {
    type: 'number',
    title: 'First retry delay (seconds)',
    description: 'Exponential backoff base; doubles on each retry (with jitter). Retry-After wins when sent.',
    default: 1,
    minimum: 0,
  },
  max_concurrency: {
    type: 'integer',
    title: 'Concurrent requests',
    default: 4,
    minimum: 1,
  },
  requests_per_second: {
    type: 'number',
    title: 'Requests per second (0 = no limit)',
    default: 0,
    minimum: 0,
  },
} as const;

export interface HttpTuningConfig {
  request_timeout_seconds?: number;
  max_retries?: number;
  retry_backoff_seconds?: number;
  max_concurrency?: number;
  requests_per_second?: number;
}

export function httpOptionsFromConfig(
  config: HttpTuningConfig,
  logger: ConnectorLogger,
): Pick<
  HttpClientOptions,
  'logger' | 'timeoutMs' | 'maxRetries' | 'backoff' | 'maxConcurrency' | 'requestsPerSecond'
> {
  const base = (config.retry_backoff_seconds ?? 1) * 1000;
  return {
    logger,
    timeoutMs: (config.request_timeout_seconds ?? 60) * 1000,
    maxRetries: config.max_retries ?? 5,
    backoff: { baseMs: base, maxMs: Math.max(base, 60_000) },
    maxConcurrency: config.max_concurrency ?? 4,
    requestsPerSecond: config.requests_per_second ?? 0,
  };
}
