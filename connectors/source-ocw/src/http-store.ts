import { ConfigurationError, type HttpClient } from '../../cdk';
import {
  httpDateToIso,
  isNotFound,
  type OcwStore,
  type RateLimitedCallback,
  type StoredJson,
  type StoredObject,
} from './ocw-store';

/**
 * The OCW layout on a plain web server (`{base_url}/courses/<slug>/data.json`). HTTP cannot list, so
 * the courses come from the configured slugs and LastModified from the response's Last-Modified.
 */
export class HttpStore implements OcwStore {
  readonly canList = false;

  constructor(
    private readonly http: HttpClient,
    private readonly courseSlugList: string[],
  ) {}

  async *courseSlugs(): AsyncIterable<string> {
    yield* this.courseSlugList;
  }

  // eslint-disable-next-line require-yield
  async *list(prefix: string): AsyncIterable<StoredObject> {
    throw new ConfigurationError(
      `cannot list '${prefix}' over plain HTTP; use S3 storage to read pages and resources`,
      {
        where: 'storage',
      },
    );
  }

  async getJson(key: string, onRateLimited?: RateLimitedCallback): Promise<StoredJson | undefined> {
    try {
      const res = await this.http.send({ url: key }, { expect: 'json', onRateLimited });
      return { data: res.data, lastModified: httpDateToIso(res.headers['last-modified']) };
    } catch (e) {
      if (isNotFound(e)) return undefined;
      throw e;
    }
  }
}
