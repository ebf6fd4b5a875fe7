import { XMLParser } from 'fast-xml-parser';
import { SystemError } from '../../cdk';

export interface S3Object {
  key: string;
  /** ISO 8601, as S3 sends it (e.g. `2024-09-24T15:02:11.000Z`). */
  lastModified: string;
  etag?: string;
  size?: number;
}

export interface ListObjectsPage {
  objects: S3Object[];
  commonPrefixes: string[];
  nextContinuationToken?: string;
  isTruncated: boolean;
}

// Values stay strings: keys and continuation tokens that look like numbers must not become numbers.
const parser = new XMLParser({
  ignoreAttributes: true,
  parseTagValue: false,
  trimValues: false,
  isArray: (name) => name === 'Contents' || name === 'CommonPrefixes',
});

/** Parse a ListObjectsV2 response (`<ListBucketResult>`); anything else is a SystemError naming the URL. */
export function parseListObjectsV2(xml: string, where: string): ListObjectsPage {
  let doc: Record<string, unknown>;
  try {
    doc = parser.parse(xml, true) as Record<string, unknown>;
  } catch (e) {
    throw new SystemError(`the listing is not well-formed XML: ${(e as Error).message}`, { where });
  }
  const result = doc.ListBucketResult as Record<string, unknown> | undefined;
  if (!result || typeof result !== 'object') {
    throw new SystemError(
      `expected a ListObjectsV2 <ListBucketResult>, got <${Object.keys(doc).filter((k) => k !== '?xml')[0] ?? 'nothing'}>; check the endpoint and bucket`,
      { where },
    );
  }
  const contents = (result.Contents as Record<string, string>[] | undefined) ?? [];
  const prefixes = (result.CommonPrefixes as Record<string, string>[] | undefined) ?? [];
  const token = result.NextContinuationToken;
  return {
    objects: contents.map((c) => ({
      key: String(c.Key),
      lastModified: String(c.LastModified),
      ...(c.ETag !== undefined ? { etag: String(c.ETag) } : {}),
      ...(c.Size !== undefined ? { size: Number(c.Size) } : {}),
    })),
    commonPrefixes: prefixes.map((p) => String(p.Prefix)),
    nextContinuationToken: typeof token === 'string' && token ? token : undefined,
    isTruncated: String(result.IsTruncated) === 'true',
  };
}
