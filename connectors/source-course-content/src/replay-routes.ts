import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { ReplayRoute } from '../../cdk/testing/replay-server';
import { uriEncode } from './storage/sigv4';

/** The folder holding the fixtures (it sits beside `src/`). */
export const FIXTURES_DIR = path.join(__dirname, '..', 'fixtures');
export const ARCHIVES_BUCKET = 'ol-data-lake-landing-zone-test';
export const ARCHIVES_PREFIX = 'edxorg-raw-data/edxorg/raw_data/course_xml/';
export const OCW_BUCKET = 'ocw-content-live-test';

export interface S3ReplayOptions {
  /** Key prefix under which the folder's files appear. */
  prefix?: string;
  /** Keys per ListObjectsV2 page (small, so that continuation tokens are exercised). */
  pageSize?: number;
  /** LastModified of every object (fixed, so that two reads are identical). */
  lastModified?: string;
  /** When set, requests must carry a SigV4 Authorization for this access key id. */
  accessKeyId?: string;
}

function filesUnder(root: string): string[] {
  const out: string[] = [];
  const walk = (dir: string) => {
    for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, e.name);
      if (e.isDirectory()) walk(full);
      else out.push(path.relative(root, full).split(path.sep).join('/'));
    }
  };
  walk(root);
  return out.sort();
}

const xmlEscape = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/**
 * A bucket on the replay server, made from a local folder: ListObjectsV2 (`GET /<bucket>/?list-type=2`,
 * prefix filtering, continuation tokens) and GetObject (`GET /<bucket>/<key>`, binary bodies), the
 * path-style S3 REST API.
 */
export function s3ReplayRoutes(bucket: string, folder: string, options: S3ReplayOptions = {}): ReplayRoute[] {
  const prefix = options.prefix ?? '';
  const lastModified = options.lastModified ?? '2026-01-15T12:00:00.000Z';
  const pageSize = options.pageSize ?? 1000;
  const auth = options.accessKeyId
    ? {
        authorization: new RegExp(
          `^AWS4-HMAC-SHA256 Credential=${options.accessKeyId}/\\d{8}/[a-z0-9-]+/s3/aws4_request, SignedHeaders=host;x-amz-content-sha256;x-amz-date, Signature=[0-9a-f]{64}$`,
        ),
      }
    : undefined;
  const objects = filesUnder(folder).map((rel) => {
    const bytes = fs.readFileSync(path.join(folder, ...rel.split('/')));
    return { key: `${prefix}${rel}`, bytes, etag: crypto.createHash('md5').update(bytes).digest('hex') };
  });
  const listing: ReplayRoute = {
    path: `/${bucket}/`,
    query: { 'list-type': '2' },
    ...(auth ? { requireHeaders: auth } : {}),
    handler: (req) => {
      const wanted = objects.filter((o) => o.key.startsWith(req.query.prefix ?? ''));
      const start = req.query['continuation-token'] ? Number(req.query['continuation-token']) : 0;
      const page = wanted.slice(start, start + pageSize);
      const more = start + pageSize < wanted.length;
      const contents = page
        .map(
          (o) =>
            `<Contents><Key>${xmlEscape(o.key)}</Key><LastModified>${lastModified}</LastModified><ETag>&quot;${o.etag}&quot;</ETag><Size>${o.bytes.length}</Size><StorageClass>STANDARD</StorageClass></Contents>`,
        )
        .join('');
      return {
        headers: { 'content-type': 'application/xml' },
        body: `<?xml version="1.0" encoding="UTF-8"?>\n<ListBucketResult xmlns="http://s3.amazonaws.com/doc/2006-03-01/"><Name>${bucket}</Name><Prefix>${xmlEscape(req.query.prefix ?? '')}</Prefix><KeyCount>${page.length}</KeyCount><MaxKeys>${pageSize}</MaxKeys><IsTruncated>${more}</IsTruncated>${more ? `<NextContinuationToken>${start + pageSize}</NextContinuationToken>` : ''}${contents}</ListBucketResult>`,
      };
    },
  };
  return [
    listing,
    ...objects.map((o): ReplayRoute => ({
      path: `/${bucket}/${o.key.split('/').map(uriEncode).join('/')}`,
      ...(auth ? { requireHeaders: auth } : {}),
      handler: () => ({
        headers: { 'content-type': 'application/octet-stream', etag: `"${o.etag}"` },
        body: o.bytes,
      }),
    })),
  ];
}

/** The connector's fixtures as two buckets: the OLX archives and the OCW site. */
export function courseContentReplayRoutes(accessKeyId?: string): ReplayRoute[] {
  return [
    ...s3ReplayRoutes(ARCHIVES_BUCKET, path.join(FIXTURES_DIR, 'archives'), {
      prefix: ARCHIVES_PREFIX,
      pageSize: 2,
      accessKeyId,
    }),
    ...s3ReplayRoutes(OCW_BUCKET, path.join(FIXTURES_DIR, 'ocw'), { pageSize: 4, accessKeyId }),
  ];
}
