/** An object of the OCW bucket layout: its key and, when the store can tell, its LastModified (ISO 8601). */
export interface StoredObject {
  key: string;
  lastModified?: string;
}

/** A JSON object read from the store, with the LastModified its response carried. */
export interface StoredJson {
  data: unknown;
  lastModified?: string;
}

/** Told when the store throttles (429), with the time the client will retry. */
export type RateLimitedCallback = (quotaResetMs?: number) => void;

/** Where the OCW site content is read from: an S3-compatible bucket, or an HTTP server with its layout. */
export interface OcwStore {
  /** False when the store cannot list keys (plain HTTP): only known keys can be read. */
  readonly canList: boolean;
  /** The course folders under the prefix (`courses/<slug>/`), as slugs. */
  courseSlugs(): AsyncIterable<string>;
  /** Every object whose key starts with `prefix`, in key order. */
  list(prefix: string, onRateLimited?: RateLimitedCallback): AsyncIterable<StoredObject>;
  /** The object parsed as JSON, or undefined when it does not exist (deleted since it was listed). */
  getJson(key: string, onRateLimited?: RateLimitedCallback): Promise<StoredJson | undefined>;
}

/** A Last-Modified header (RFC 1123) as ISO 8601, or undefined. */
export function httpDateToIso(value: string | undefined): string | undefined {
  if (!value) return undefined;
  const t = Date.parse(value);
  return Number.isNaN(t) ? undefined : new Date(t).toISOString();
}

/** True for the kit's "not found (HTTP 404)" error. */
export function isNotFound(e: unknown): boolean {
  const err = e as { status?: number; message?: string } | undefined;
  return err?.status === 404 || /\(HTTP 404\)/.test(err?.message ?? '');
}
