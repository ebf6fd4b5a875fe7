import http from 'node:http';
import https from 'node:https';
import axios, { type AxiosInstance } from 'axios';
import {
  ConfigurationError,
  DEFAULT_BACKOFF,
  RateLimiter,
  parseRetryAfter,
  retryDelayMs,
  type ConnectorLogger,
} from '../../../cdk';

export interface TikaOptions {
  /** The Tika server, e.g. `http://tika:9998`; documents are PUT to `<url>/tika`. */
  url: string;
  accessToken?: string;
  /** Sent as `X-Tika-PDFOcrStrategy` (MIT Learn uses `no_ocr`). */
  ocrStrategy?: string;
  timeoutMs: number;
  /** Documents in flight at once (a struggling Tika is not hammered). */
  concurrency: number;
  /** Retries after the first attempt for 429, 502, 503, 504, timeouts and resets. */
  maxRetries: number;
  backoffBaseMs: number;
  logger: ConnectorLogger;
  sleep?: (ms: number) => Promise<void>;
  random?: () => number;
}

/** Tika did not give the text of one document (after the retries, or a refusal of that document). */
export class TikaError extends Error {
  constructor(
    message: string,
    readonly retryable: boolean,
  ) {
    super(message);
    this.name = 'TikaError';
  }
}

const RETRY_STATUS = new Set([429, 502, 503, 504]);

/**
 * A client for Apache Tika's `PUT /tika` (plain text out). Bounded concurrency through the kit's
 * limiter, a timeout per request, exponential backoff with jitter on 429/502/503/504 and connection
 * failures (honouring Retry-After). A 401/403 means the access token is wrong: a configuration error for
 * the whole run. Any other failure is a TikaError for that document only.
 */
export class TikaClient {
  private readonly http: AxiosInstance;
  private readonly limiter: RateLimiter;
  private readonly sleep: (ms: number) => Promise<void>;
  /** Requests sent, retries included. */
  requests = 0;

  constructor(private readonly options: TikaOptions) {
    this.http = axios.create({
      baseURL: options.url.replace(/\/+$/, ''),
      timeout: options.timeoutMs,
      responseType: 'text',
      transformResponse: [(d: unknown) => d],
      validateStatus: () => true,
      maxBodyLength: Infinity,
      maxContentLength: Infinity,
      httpAgent: new http.Agent({ keepAlive: true, maxSockets: options.concurrency }),
      httpsAgent: new https.Agent({ keepAlive: true, maxSockets: options.concurrency }),
    });
    this.sleep = options.sleep ?? ((ms) => new Promise((r) => setTimeout(r, ms)));
    this.limiter = new RateLimiter(options.concurrency, 0, this.sleep);
    if (options.accessToken) options.logger.addSecret(options.accessToken);
  }

  /** The plain text of one document. `name` is for messages only. */
  async text(bytes: Buffer, name: string): Promise<string> {
    const o = this.options;
    const backoff = { ...DEFAULT_BACKOFF, baseMs: o.backoffBaseMs, maxMs: Math.max(o.backoffBaseMs, 30_000) };
    for (let attempt = 0; ; attempt++) {
      let problem: string;
      let retryAfter: number | undefined;
      const release = await this.limiter.acquire();
      try {
        this.requests++;
        const res = await this.http.put<string>('/tika', bytes, {
          headers: {
            Accept: 'text/plain',
            'Content-Type': 'application/octet-stream',
            ...(o.accessToken ? { 'X-Access-Token': o.accessToken } : {}),
            ...(o.ocrStrategy ? { 'X-Tika-PDFOcrStrategy': o.ocrStrategy } : {}),
          },
        });
        if (res.status >= 200 && res.status < 300) return typeof res.data === 'string' ? res.data : '';
        if (res.status === 401 || res.status === 403) {
          throw new ConfigurationError(
            `Tika refused the access token (HTTP ${res.status}); check tika_access_token`,
            {
              where: `${o.url}/tika`,
            },
          );
        }
        if (!RETRY_STATUS.has(res.status)) {
          throw new TikaError(`Tika could not parse ${name} (HTTP ${res.status})`, false);
        }
        problem = `HTTP ${res.status}`;
        retryAfter = parseRetryAfter(res.headers['retry-after'] as string | undefined);
      } catch (e) {
        if (e instanceof ConfigurationError || e instanceof TikaError) throw e;
        const msg = (e as Error).message ?? String(e);
        problem = /timeout/i.test(msg) ? `timed out after ${o.timeoutMs} ms` : `connection failed (${msg})`;
      } finally {
        release();
      }
      if (attempt >= o.maxRetries) {
        throw new TikaError(
          `Tika failed for ${name}: ${problem}; gave up after ${attempt + 1} attempt(s)`,
          true,
        );
      }
      const delay = retryDelayMs(attempt, backoff, retryAfter, this.options.random);
      o.logger.warn(`Tika: ${problem} for ${name}; retry ${attempt + 1}/${o.maxRetries} in ${delay} ms`);
      await this.sleep(delay);
    }
  }
}
