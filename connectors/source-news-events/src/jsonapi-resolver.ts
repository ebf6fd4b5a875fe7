import { ConfigurationError, type HttpClient } from '../../cdk';
import { joinUrl } from './client';

/** A JSON:API resource object. */
export interface JsonApiResource {
  type: string;
  id: string;
  attributes?: Record<string, unknown>;
  relationships?: Record<string, { data?: ResourceIdentifier | ResourceIdentifier[] | null }>;
  [k: string]: unknown;
}

export interface ResourceIdentifier {
  type: string;
  id: string;
}

/** The identifiers a relationship holds (none, one, or many). */
export function identifiers(
  rel: { data?: ResourceIdentifier | ResourceIdentifier[] | null } | undefined,
): ResourceIdentifier[] {
  const data = rel?.data;
  if (!data) return [];
  return (Array.isArray(data) ? data : [data]).filter(
    (d) => d && typeof d.type === 'string' && typeof d.id === 'string',
  );
}

/**
 * Fetches related JSON:API resources by type and id (`/jsonapi/<entity>/<bundle>/<uuid>`, Drupal's
 * individual resource route), each once per run however many events point at it: concurrent asks for
 * the same id share one request. A resource that is gone (404) resolves to null.
 */
export class JsonApiResolver {
  private readonly cache = new Map<string, Promise<JsonApiResource | null>>();

  constructor(
    private readonly client: HttpClient,
    private readonly apiBase: string,
    private readonly onRateLimited?: (ms?: number) => void,
  ) {}

  /** Distinct resources fetched so far. */
  get size(): number {
    return this.cache.size;
  }

  resolve(ref: ResourceIdentifier): Promise<JsonApiResource | null> {
    const key = `${ref.type}/${ref.id}`;
    let p = this.cache.get(key);
    if (!p) {
      const [entity, bundle] = ref.type.split('--');
      const url = joinUrl(this.apiBase, `${entity}/${bundle ?? entity}/${encodeURIComponent(ref.id)}`);
      p = this.client
        .send<{ data?: JsonApiResource }>(
          { url, headers: { Accept: 'application/vnd.api+json' } },
          { expect: 'json', onRateLimited: this.onRateLimited },
        )
        .then((res) => res.data?.data ?? null)
        .catch((e: unknown) => {
          if (e instanceof ConfigurationError && /HTTP 404/.test(e.message)) return null;
          throw e;
        });
      this.cache.set(key, p);
    }
    return p;
  }
}
