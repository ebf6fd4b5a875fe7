import http from 'node:http';
import https from 'node:https';
import axios, { type AxiosInstance, type AxiosResponse } from 'axios';
import { XMLParser } from 'fast-xml-parser';
import { ConfigurationError, SystemError, TransientError } from '../errors';
import type { ConnectorLogger } from '../logger';
import type { Authenticator } from './authenticators';
import { DEFAULT_BACKOFF, parseRetryAfter, retryDelayMs, type BackoffOptions } from './backoff';
import type { HttpRequest, HttpRequester, HttpResponse, SendOptions } from './http-types';
import { RateLimiter } from './rate-limiter';

export interface HttpClientOptions {
  baseUrl?: string;
  logger: ConnectorLogger;
  authenticator?: Authenticator;
  /** Per-request timeout in ms (default 60 s). */
  timeoutMs?: number;
  /** Retries after the first attempt for 429, 5xx, timeouts, resets and truncated bodies (default 5). */
  maxRetries?: number;
  backoff?: Partial<BackoffOptions>;
  /** Requests in flight at once, for the whole connector (default 4). */
  maxConcurrency?: number;
  /** Request starts per second, for the whole connector (0 = no limit). */
  requestsPerSecond?: number;
  userAgent?: string;
  headers?: Record<string, string>;
  /** An axios instance to use (tests and special transports); the default is built here. */
  axios?: AxiosInstance;
  /** How to wait (tests may record the waits instead). */
  sleep?: (ms: number) => Promise<void>;
  random?: () => number;
}

const RETRY_STATUS = new Set([408, 429, 500, 502, 503, 504, 520, 521, 522, 523, 524]);
const RETRY_CODES = new Set([
  'ECONNRESET',
  'ECONNABORTED',
  'ETIMEDOUT',
  'ESOCKETTIMEDOUT',
  'EPIPE',
  'EAI_AGAIN',
  'ECONNREFUSED',
  'ENETUNREACH',
  'EHOSTUNREACH',
  'ERR_BAD_RESPONSE',
  'ERR_STREAM_PREMATURE_CLOSE',
  'UND_ERR_SOCKET',
]);

/** A failure worth retrying, carrying what the final error should say. */
class Retryable extends Error {
  constructor(
    message: string,
    readonly retryAfterMs?: number,
    readonly rateLimited = false,
  ) {
    super(message);
  }
}

/**
 * The HTTP client behind every HTTP stream: axios with keep-alive, a per-request timeout, retries with
 * exponential backoff and jitter (honouring Retry-After) on 429, 5xx, timeouts, resets and truncated
 * bodies, one refresh-and-retry after a 401 when the authenticator can refresh, a per-connector
 * concurrency and rate limit, and body checks: a response that is not the JSON or XML expected is a
 * SystemError quoting its content type and first bytes. Errors say which request failed and whether a
 * retry may help; credentials never appear in them.
 */
export class HttpClient implements HttpRequester {
  readonly limiter: RateLimiter;
  private readonly axios: AxiosInstance;
  private readonly backoff: BackoffOptions;
  private readonly maxRetries: number;
  private readonly sleep: (ms: number) => Promise<void>;
  private readonly random: () => number;
  private readonly xml = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '@_' });
  /** Requests sent, including retries (for logs and tests). */
  requests = 0;

  constructor(private readonly options: HttpClientOptions) {
    const concurrency = options.maxConcurrency ?? 4;
    this.backoff = { ...DEFAULT_BACKOFF, ...(options.backoff ?? {}) };
    this.maxRetries = options.maxRetries ?? 5;
    this.sleep = options.sleep ?? ((ms) => new Promise((r) => setTimeout(r, ms)));
    this.random = options.random ?? Math.random;
    this.limiter = new RateLimiter(concurrency, options.requestsPerSecond ?? 0, this.sleep);
    this.axios =
      options.axios ??
      axios.create({
        timeout: options.timeoutMs ?? 60_000,
        responseType: 'text',
        transformResponse: [(d: unknown) => d],
        validateStatus: () => true,
        maxRedirects: 5,
        maxContentLength: 512 * 1024 * 1024,
        httpAgent: new http.Agent({ keepAlive: true, maxSockets: concurrency }),
        httpsAgent: new https.Agent({ keepAlive: true, maxSockets: concurrency }),
      });
    options.authenticator?.init?.(this);
    for (const s of options.authenticator?.secrets() ?? []) options.logger.addSecret(s);
  }

  /** Resolve a URL against the base URL. */
  resolve(url: string): string {
    if (/^https?:\/\//i.test(url)) return url;
    if (!this.options.baseUrl)
      throw new ConfigurationError(`relative URL '${url}' but no base URL is configured`);
    const base = this.options.baseUrl.endsWith('/') ? this.options.baseUrl : `${this.options.baseUrl}/`;
    return new URL(url.replace(/^\//, ''), base).toString();
  }

  async send<T = unknown>(req: HttpRequest, options: SendOptions = {}): Promise<HttpResponse<T>> {
    const method = req.method ?? 'GET';
    let url: string;
    try {
      url = this.resolve(req.url);
      new URL(url);
    } catch (e) {
      if (e instanceof ConfigurationError) throw e;
      throw new ConfigurationError(`'${req.url}' is not a valid URL; check the base URL in the config`);
    }
    const where = `${method} ${displayUrl(url, req.params)}`;
    const logger = this.options.logger;
    let refreshed = false;
    for (let attempt = 0; ; attempt++) {
      try {
        return await this.attempt<T>(method, url, req, options, where);
      } catch (e) {
        if (e instanceof Unauthorized) {
          if (!refreshed && this.options.authenticator?.invalidate?.(e.authorization)) {
            refreshed = true;
            logger.info(`${where}: 401, refreshing credentials and retrying once`);
            attempt--;
            continue;
          }
          throw new ConfigurationError(
            `the upstream refused the credentials (HTTP ${e.status}); check the API key or client credentials`,
            {
              where,
              status: e.status,
            },
          );
        }
        if (!(e instanceof Retryable)) throw e;
        if (attempt >= this.maxRetries) {
          throw new TransientError(`${e.message}; gave up after ${attempt + 1} attempt(s)`, { where });
        }
        if (e.retryAfterMs !== undefined && e.retryAfterMs > this.backoff.maxRetryAfterMs) {
          throw new TransientError(
            `${e.message}; the upstream asks to wait ${Math.round(e.retryAfterMs / 1000)} s, longer than the ${Math.round(this.backoff.maxRetryAfterMs / 1000)} s allowed`,
            { where },
          );
        }
        const delay = retryDelayMs(attempt, this.backoff, e.retryAfterMs, this.random);
        if (e.rateLimited) options.onRateLimited?.(Date.now() + delay);
        logger.warn(`${where}: ${e.message}; retry ${attempt + 1}/${this.maxRetries} in ${delay} ms`);
        await this.sleep(delay);
      }
    }
  }

  private async attempt<T>(
    method: string,
    url: string,
    req: HttpRequest,
    options: SendOptions,
    where: string,
  ): Promise<HttpResponse<T>> {
    const headers: Record<string, string> = {
      Accept: options.expect === 'xml' ? 'application/xml, text/xml' : 'application/json',
      ...(this.options.userAgent ? { 'User-Agent': this.options.userAgent } : {}),
      ...(this.options.headers ?? {}),
      ...(req.headers ?? {}),
    };
    const params: Record<string, unknown> = { ...(req.params ?? {}) };
    for (const k of Object.keys(params)) if (params[k] === undefined) delete params[k];
    if (!options.noAuth && this.options.authenticator) {
      await this.options.authenticator.apply({ headers, params });
      for (const s of this.options.authenticator.secrets()) this.options.logger.addSecret(s);
    }
    let data: unknown;
    if (req.form) {
      data = new URLSearchParams(req.form).toString();
      headers['Content-Type'] = 'application/x-www-form-urlencoded';
    } else if (req.json !== undefined) {
      data = JSON.stringify(req.json);
      headers['Content-Type'] = 'application/json';
    }
    const release = await this.limiter.acquire();
    let res: AxiosResponse<string>;
    try {
      this.requests++;
      res = await this.axios.request<string>({ method, url, params, headers, data });
    } catch (e) {
      const code = (e as { code?: string }).code ?? '';
      const msg = (e as Error).message ?? String(e);
      if (RETRY_CODES.has(code) || /socket hang up|aborted|timeout|premature close|ECONNRESET/i.test(msg)) {
        const what =
          code === 'ECONNABORTED' || /timeout/i.test(msg)
            ? 'timed out'
            : `connection failed (${code || msg})`;
        throw new Retryable(`request ${what}`);
      }
      throw new SystemError(`request failed: ${msg}`, { where, cause: e });
    } finally {
      release();
    }
    const status = res.status;
    const resHeaders = flatHeaders(res.headers as Record<string, unknown>);
    const body =
      typeof res.data === 'string'
        ? res.data
        : res.data === undefined || res.data === null
          ? ''
          : String(res.data);
    if (status === 401) throw new Unauthorized(status, headers.Authorization);
    if (RETRY_STATUS.has(status) || status >= 500) {
      const retryAfter = parseRetryAfter(resHeaders['retry-after']);
      throw new Retryable(
        status === 429 ? 'the upstream is rate limiting (HTTP 429)' : `the upstream answered HTTP ${status}`,
        retryAfter,
        status === 429,
      );
    }
    if (status === 403) {
      throw new ConfigurationError(
        'the upstream denied access (HTTP 403); check the credentials and their permissions',
        { where, status },
      );
    }
    if (status === 404) {
      throw new ConfigurationError('not found (HTTP 404); check the base URL in the config', {
        where,
        status,
      });
    }
    if (status >= 400) {
      throw new SystemError(`the upstream rejected the request (HTTP ${status}): ${excerpt(body)}`, {
        where,
        status,
      });
    }
    const declared = resHeaders['content-length'];
    if (declared !== undefined && method !== 'HEAD' && Buffer.byteLength(body) < Number(declared)) {
      throw new Retryable(`the response was truncated (${Buffer.byteLength(body)} of ${declared} bytes)`);
    }
    const parsed = this.decode(body, resHeaders['content-type'] ?? '', options.expect ?? 'json', where);
    return {
      status,
      headers: resHeaders,
      data: parsed as T,
      size: body.length,
      url: displayUrl(url, req.params),
    };
  }

  private decode(body: string, contentType: string, expect: 'json' | 'xml' | 'text', where: string): unknown {
    if (expect === 'text') return body;
    const head = body.trimStart().slice(0, 1);
    if (expect === 'json') {
      if (head === '<' || /text\/html/i.test(contentType)) {
        throw new SystemError(
          `expected JSON but the upstream answered ${contentType || 'without a content type'} starting with ${excerpt(body)}; check the base URL`,
          { where },
        );
      }
      if (!body.trim()) {
        throw new Retryable('the response body was empty where JSON was expected');
      }
      try {
        return JSON.parse(body);
      } catch (e) {
        const truncated = /end of (json|data)|unterminated|unexpected end/i.test((e as Error).message);
        if (truncated) throw new Retryable('the JSON body ended early (truncated response)');
        throw new SystemError(`the response is not valid JSON (${(e as Error).message}): ${excerpt(body)}`, {
          where,
        });
      }
    }
    if (head !== '<') {
      throw new SystemError(
        `expected XML but the upstream answered ${contentType || 'without a content type'} starting with ${excerpt(body)}`,
        { where },
      );
    }
    try {
      return this.xml.parse(body, true);
    } catch (e) {
      throw new SystemError(
        `the response is not well-formed XML: ${(e as { message?: string }).message ?? String(e)}`,
        { where },
      );
    }
  }
}

class Unauthorized extends Error {
  constructor(
    readonly status: number,
    readonly authorization?: string,
  ) {
    super(`HTTP ${status}`);
  }
}

function flatHeaders(h: Record<string, unknown>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(h ?? {})) {
    if (v === undefined || v === null) continue;
    out[k.toLowerCase()] = Array.isArray(v) ? v.join(', ') : String(v);
  }
  return out;
}

function excerpt(body: string): string {
  const one = body.replace(/\s+/g, ' ').trim();
  return JSON.stringify(one.length > 80 ? `${one.slice(0, 80)}...` : one);
}

/** The URL with its query, for messages. */
function displayUrl(url: string, params?: HttpRequest['params']): string {
  if (!params) return url;
  const u = new URL(url);
  for (const [k, v] of Object.entries(params)) if (v !== undefined) u.searchParams.set(k, String(v));
  return u.toString();
}
