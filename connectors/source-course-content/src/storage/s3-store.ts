import http from 'node:http';
import https from 'node:https';
import axios, { type AxiosInstance } from 'axios';
import { XMLParser } from 'fast-xml-parser';
import {
  ConfigurationError,
  DEFAULT_BACKOFF,
  SystemError,
  TransientError,
  parseRetryAfter,
  retryDelayMs,
  type ConnectorLogger,
} from '../../../cdk';
import { ObjectNotFoundError, type ObjectStore, type StoredObject } from './object-store';
import {
  EMPTY_PAYLOAD_SHA256,
  amzDate,
  canonicalQuery,
  signV4,
  uriEncode,
  type SigV4Credentials,
} from './sigv4';

export interface S3StoreOptions {
  /** `https://s3.amazonaws.com`, a MinIO or other S3-compatible server, or a replay server. */
  endpoint: string;
  bucket: string;
  region: string;
  /** Path-style (`<endpoint>/<bucket>/<key>`) or virtual-hosted (`<bucket>.<host>/<key>`) URLs. */
  pathStyle: boolean;
  /** Anonymous requests when absent (public buckets). */
  credentials?: SigV4Credentials;
  timeoutMs: number;
  maxRetries: number;
  backoffBaseMs: number;
  logger: ConnectorLogger;
  sleep?: (ms: number) => Promise<void>;
}

const RETRY_STATUS = new Set([429, 500, 502, 503, 504]);

/**
 * S3-compatible storage over its REST API: ListObjectsV2 (continuation tokens) and GetObject, signed
 * with SigV4 (or anonymous), retried with backoff on 429/5xx, timeouts and resets. A 403 names the
 * credentials, a missing bucket the bucket; a missing object is an ObjectNotFoundError.
 */
export class S3Store implements ObjectStore {
  private readonly http: AxiosInstance;
  private readonly xml = new XMLParser({
    ignoreAttributes: true,
    parseTagValue: false,
    isArray: (n) => n === 'Contents',
  });
  private readonly sleep: (ms: number) => Promise<void>;
  readonly location: string;
  /** Requests sent, retries included. */
  requests = 0;

  constructor(private readonly options: S3StoreOptions) {
    this.http = axios.create({
      timeout: options.timeoutMs,
      responseType: 'arraybuffer',
      validateStatus: () => true,
      maxContentLength: Infinity,
      httpAgent: new http.Agent({ keepAlive: true }),
      httpsAgent: new https.Agent({ keepAlive: true }),
    });
    this.sleep = options.sleep ?? ((ms) => new Promise((r) => setTimeout(r, ms)));
    this.location = `s3://${options.bucket}`;
    if (options.credentials) {
      options.logger.addSecret(options.credentials.secretAccessKey);
      if (options.credentials.sessionToken) options.logger.addSecret(options.credentials.sessionToken);
    }
  }

  private url(key: string, query: Record<string, string>): URL {
    const base = new URL(this.options.endpoint);
    const encodedKey = key.split('/').map(uriEncode).join('/');
    const basePath = base.pathname.replace(/\/+$/, '');
    if (this.options.pathStyle) {
      base.pathname = `${basePath}/${uriEncode(this.options.bucket)}/${encodedKey}`;
    } else {
      base.host = `${this.options.bucket}.${base.host}`;
      base.pathname = `${basePath}/${encodedKey}`;
    }
    const qs = canonicalQuery(query);
    return new URL(`${base.origin}${base.pathname}${qs ? `?${qs}` : ''}`);
  }

  private async request(key: string, query: Record<string, string>, what: string): Promise<Buffer> {
    const url = this.url(key, query);
    const where = `GET ${url.origin}${url.pathname}`;
    const backoff = {
      ...DEFAULT_BACKOFF,
      baseMs: this.options.backoffBaseMs,
      maxMs: Math.max(this.options.backoffBaseMs, 30_000),
    };
    for (let attempt = 0; ; attempt++) {
      const headers = this.options.credentials
        ? signV4(
            {
              method: 'GET',
              url,
              headers: {},
              payloadHash: EMPTY_PAYLOAD_SHA256,
              region: this.options.region,
              service: 's3',
              amzDate: amzDate(),
            },
            this.options.credentials,
          )
        : {};
      let problem: string;
      let retryAfter: number | undefined;
      try {
        this.requests++;
        const res = await this.http.get<ArrayBuffer>(url.toString(), { headers });
        const body = Buffer.from(res.data ?? new ArrayBuffer(0));
        if (res.status >= 200 && res.status < 300) return body;
        const code = /<Code>([^<]+)<\/Code>/.exec(body.toString('utf8'))?.[1] ?? '';
        if (res.status === 404 && code !== 'NoSuchBucket' && key) throw new ObjectNotFoundError(key);
        if (res.status === 404) {
          throw new ConfigurationError(
            `bucket '${this.options.bucket}' not found (${code || 'HTTP 404'}); check the bucket and endpoint`,
            { where },
          );
        }
        if (res.status === 403 || res.status === 401) {
          throw new ConfigurationError(
            `the storage denied access to ${what} (HTTP ${res.status}${code ? ` ${code}` : ''}); check the access key, secret and region`,
            { where },
          );
        }
        if (!RETRY_STATUS.has(res.status)) {
          throw new SystemError(
            `the storage answered HTTP ${res.status}${code ? ` ${code}` : ''} for ${what}`,
            { where },
          );
        }
        problem = `HTTP ${res.status}${code ? ` ${code}` : ''}`;
        retryAfter = parseRetryAfter(res.headers['retry-after'] as string | undefined);
      } catch (e) {
        if (e instanceof ConfigurationError || e instanceof SystemError || e instanceof ObjectNotFoundError)
          throw e;
        const msg = (e as Error).message ?? String(e);
        problem = /timeout/i.test(msg) ? 'timed out' : `connection failed (${msg})`;
      }
      if (attempt >= this.options.maxRetries) {
        throw new TransientError(`${what}: ${problem}; gave up after ${attempt + 1} attempt(s)`, { where });
      }
      const delay = retryDelayMs(attempt, backoff, retryAfter);
      this.options.logger.warn(
        `${where}: ${problem}; retry ${attempt + 1}/${this.options.maxRetries} in ${delay} ms`,
      );
      await this.sleep(delay);
    }
  }

  async list(prefix: string): Promise<StoredObject[]> {
    const out: StoredObject[] = [];
    let token: string | undefined;
    do {
      const query: Record<string, string> = { 'list-type': '2', prefix };
      if (token) query['continuation-token'] = token;
      const body = await this.request('', query, `the listing of ${prefix || '/'}`);
      let doc: any;
      try {
        doc = this.xml.parse(body.toString('utf8'));
      } catch (e) {
        throw new SystemError(`the listing is not XML: ${(e as Error).message}`, { where: this.location });
      }
      const result = doc?.ListBucketResult;
      if (!result)
        throw new SystemError('the listing has no ListBucketResult; is the endpoint S3-compatible?', {
          where: this.location,
        });
      for (const c of result.Contents ?? []) {
        out.push({
          key: String(c.Key),
          size: Number(c.Size ?? 0),
          lastModified: new Date(String(c.LastModified)).toISOString(),
          etag: String(c.ETag ?? '').replace(/"/g, ''),
        });
      }
      token =
        String(result.IsTruncated) === 'true' && result.NextContinuationToken
          ? String(result.NextContinuationToken)
          : undefined;
    } while (token);
    return out.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  }

  get(key: string): Promise<Buffer> {
    return this.request(key, {}, key);
  }
}
