/** An object in a bucket or a file in a folder, as listed. */
export interface StoredObject {
  /** The key, `/`-separated, relative to the bucket or folder root. */
  key: string;
  size: number;
  /** ISO 8601. */
  lastModified: string;
  /** A checksum that changes when the content changes (the S3 ETag, a file's md5). */
  etag: string;
}

/** Where the archives and OCW files live: S3-compatible storage or a local folder. */
export interface ObjectStore {
  /** Every object under the prefix, sorted by key. */
  list(prefix: string): Promise<StoredObject[]>;
  /** An object's bytes. Throws ObjectNotFoundError when it is gone. */
  get(key: string): Promise<Buffer>;
  /** For messages: `s3://bucket` or the folder. */
  readonly location: string;
}

export class ObjectNotFoundError extends Error {
  constructor(readonly key: string) {
    super(`${key} not found`);
    this.name = 'ObjectNotFoundError';
  }
}
