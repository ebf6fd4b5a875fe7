import { ConfigurationError, SystemError, type HttpClient } from '../../cdk';
import { parseListObjectsV2, type ListObjectsPage } from './list-objects-xml';
import {
  httpDateToIso,
  isNotFound,
  type OcwStore,
  type RateLimitedCallback,
  type StoredJson,
  type StoredObject,
} from './ocw-store';
import { awsUriEncode, canonicalQuery, signAwsV4, type AwsCredentials } from './sigv4';
import { DEFAULT_S3_ENDPOINT, DEFAULT_S3_REGION, type OcwS3Storage } from './spec';

export interface S3StoreOptions {
  prefix: string;
  courseSlugs?: string[];
  pageSize: number;
  now?: () => Date;
}

/**
 * The OCW bucket through the S3 API: ListObjectsV2 (continuation tokens, `/` delimiter for course
 * folders) and GetObject, against any S3-compatible endpoint, path-style or virtual-hosted. Requests
 * are signed with SigV4 when keys are configured and anonymous otherwise.
 */
export class S3Store implements OcwStore {
  readonly canList = true;
  private readonly base: URL;
  private readonly pathPrefix: string;
  private readonly credentials?: AwsCredentials;
  private readonly region: string;

  constructor(
    private readonly http: HttpClient,
    storage: OcwS3Storage,
    private readonly options: S3StoreOptions,
  ) {
    const endpoint = new URL(storage.endpoint ?? DEFAULT_S3_ENDPOINT);
    this.region = storage.region || DEFAULT_S3_REGION;
    if (storage.force_path_style) {
      this.base = endpoint;
      this.pathPrefix = `${endpoint.pathname.replace(/\/$/, '')}/${awsUriEncode(storage.bucket)}`;
    } else {
      this.base = new URL(`${endpoint.protocol}//${storage.bucket}.${endpoint.host}`);
      this.pathPrefix = '';
    }
    const id = storage.access_key_id ?? '';
    const secret = storage.secret_access_key ?? '';
    if (Boolean(id) !== Boolean(secret)) {
      throw new ConfigurationError(
        'set both access_key_id and secret_access_key, or neither for anonymous access',
        {
          where: 'storage',
        },
      );
    }
    if (id)
      this.credentials = { accessKeyId: id, secretAccessKey: secret, sessionToken: storage.session_token };
  }

  async *courseSlugs(): AsyncIterable<string> {
    if (this.options.courseSlugs?.length) {
      yield* this.options.courseSlugs;
      return;
    }
    for await (const page of this.pages(this.options.prefix, '/')) {
      for (const p of page.commonPrefixes) {
        const slug = p.slice(this.options.prefix.length).replace(/\/$/, '');
        if (slug) yield slug;
      }
    }
  }

  async *list(prefix: string, onRateLimited?: RateLimitedCallback): AsyncIterable<StoredObject> {
    for await (const page of this.pages(prefix, undefined, onRateLimited)) {
      for (const o of page.objects) yield { key: o.key, lastModified: o.lastModified };
    }
  }

  /** One listing page, for `check`. */
  async firstPage(maxKeys: number): Promise<ListObjectsPage> {
    return this.listPage(this.options.prefix, '/', undefined, maxKeys);
  }

  async getJson(key: string, onRateLimited?: RateLimitedCallback): Promise<StoredJson | undefined> {
    const { url, headers } = this.signed(`${this.pathPrefix}/${awsUriEncode(key, true)}`, {});
    try {
      const res = await this.http.send({ url, headers }, { expect: 'json', onRateLimited });
      return { data: res.data, lastModified: httpDateToIso(res.headers['last-modified']) };
    } catch (e) {
      if (isNotFound(e)) return undefined;
      throw e;
    }
  }

  private async *pages(
    prefix: string,
    delimiter?: string,
    onRateLimited?: RateLimitedCallback,
  ): AsyncIterable<ListObjectsPage> {
    let token: string | undefined;
    do {
      const page = await this.listPage(prefix, delimiter, token, this.options.pageSize, onRateLimited);
      yield page;
      token = page.isTruncated ? page.nextContinuationToken : undefined;
      if (page.isTruncated && !token) {
        throw new SystemError('the listing is truncated but has no NextContinuationToken', { where: prefix });
      }
    } while (token);
  }

  private async listPage(
    prefix: string,
    delimiter: string | undefined,
    token: string | undefined,
    maxKeys: number,
    onRateLimited?: RateLimitedCallback,
  ): Promise<ListObjectsPage> {
    const params: Record<string, string> = { 'list-type': '2', prefix, 'max-keys': String(maxKeys) };
    if (delimiter) params.delimiter = delimiter;
    if (token) params['continuation-token'] = token;
    const { url, headers } = this.signed(this.pathPrefix || '/', params);
    const res = await this.http.send<string>(
      { url, headers: { ...headers, Accept: 'application/xml' } },
      { expect: 'text', onRateLimited },
    );
    return parseListObjectsV2(res.data, res.url);
  }

  /** The URL for an encoded path and query, with SigV4 headers when keys are configured. */
  private signed(
    path: string,
    params: Record<string, string>,
  ): { url: string; headers: Record<string, string> } {
    const query = canonicalQuery(params);
    const url = `${this.base.protocol}//${this.base.host}${path}${query ? `?${query}` : ''}`;
    if (!this.credentials) return { url, headers: {} };
    const headers = signAwsV4({
      method: 'GET',
      host: this.base.host,
      path,
      query,
      region: this.region,
      credentials: this.credentials,
      now: (this.options.now ?? (() => new Date()))(),
    });
    return { url, headers };
  }
}
