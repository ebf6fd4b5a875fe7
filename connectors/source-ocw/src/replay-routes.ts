import fs from 'node:fs';
import path from 'node:path';
import {
  startReplayServer,
  type RecordedRequest,
  type ReplayResponse,
  type ReplayRoute,
} from '../../cdk/testing/replay-server';
import { awsUriEncode, canonicalQuery, signAwsV4, type AwsCredentials } from './sigv4';

/**
 * The folder holding the recorded responses: beside `src/` in a checkout; a build in `dist/` reads
 * them from the checkout it was built from.
 */
export const FIXTURES_DIR = [
  path.join(__dirname, '..', 'fixtures'),
  path.join(__dirname, '..', '..', '..', '..', 'connectors', 'source-ocw', 'fixtures'),
].find((d) => fs.existsSync(d)) as string;

export interface FakeObject {
  key: string;
  body: string;
  lastModified: string;
}

export const BUCKET = 'ocw-content-live-production';
/** The keys the fake bucket accepts (not real AWS keys). */
export const ACCESS_KEY_ID = 'AKIDLEARNFLOWTEST';
export const SECRET_ACCESS_KEY = 'ocw-test-secret-access-key-5d9e';
const REGION = 'us-east-1';

/** The recorded OCW fixtures as bucket objects under `courses/`, with the given LastModified values. */
export function fixtureObjects(lastModified: (key: string) => string, root = FIXTURES_DIR): FakeObject[] {
  const out: FakeObject[] = [];
  const walk = (dir: string) => {
    for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
      const p = path.join(dir, e.name);
      if (e.isDirectory()) walk(p);
      else if (e.name === 'data.json') {
        const key = `courses/${path.relative(root, p).split(path.sep).join('/')}`;
        out.push({ key, body: fs.readFileSync(p, 'utf8'), lastModified: lastModified(key) });
      }
    }
  };
  walk(root);
  return out.sort((a, b) => (a.key < b.key ? -1 : 1));
}

const xmlEscape = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

function s3Error(status: number, code: string): ReplayResponse {
  return {
    status,
    headers: { 'content-type': 'application/xml' },
    body: `<?xml version="1.0" encoding="UTF-8"?><Error><Code>${code}</Code><Message>${code}</Message></Error>`,
  };
}

/** Checks the request's SigV4 signature by recomputing it from what was received. */
function authProblem(
  req: RecordedRequest,
  host: string,
  credentials?: AwsCredentials,
): ReplayResponse | undefined {
  if (!credentials) return req.headers.authorization ? s3Error(400, 'UnexpectedAuthorization') : undefined;
  const auth = req.headers.authorization ?? '';
  if (!auth) return s3Error(403, 'AccessDenied');
  const amzDate = req.headers['x-amz-date'] ?? '';
  const m = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(amzDate);
  if (!m) return s3Error(403, 'AccessDenied');
  const now = new Date(`${m[1]}-${m[2]}-${m[3]}T${m[4]}:${m[5]}:${m[6]}Z`);
  const expected = signAwsV4({
    method: req.method,
    host,
    path: req.path
      .split('/')
      .map((s) => awsUriEncode(decodeURIComponent(s)))
      .join('/'),
    query: canonicalQuery(req.query),
    region: REGION,
    credentials,
    now,
  });
  return expected.Authorization === auth ? undefined : s3Error(403, 'SignatureDoesNotMatch');
}

export interface FakeS3Options {
  /** Keys that requests must be signed with; anonymous requests only when absent. */
  credentials?: AwsCredentials;
  listFaults?: ReplayRoute['faults'];
  getFaults?: ReplayRoute['faults'];
  /** Virtual-hosted style: the bucket is in the Host header (`<bucket>.<endpoint host>`), not the path. */
  virtualHosted?: boolean;
}

/**
 * A path-style S3 bucket on the replay server: ListObjectsV2 (prefix, delimiter, max-keys, opaque
 * continuation tokens, CommonPrefixes) and GetObject (with Last-Modified and ETag), checking SigV4.
 */
export function fakeS3Routes(objects: FakeObject[], options: FakeS3Options = {}): ReplayRoute[] {
  const sorted = [...objects].sort((a, b) => (a.key < b.key ? -1 : 1));
  const root = options.virtualHosted ? '' : `/${BUCKET}`;
  const check = (req: RecordedRequest) =>
    options.virtualHosted && !req.headers.host.startsWith(`${BUCKET}.`)
      ? s3Error(400, 'InvalidBucketName')
      : authProblem(req, req.headers.host, options.credentials);
  const listRoute: ReplayRoute = {
    path: root || '/',
    query: { 'list-type': '2' },
    faults: options.listFaults,
    handler: (req) => {
      const problem = check(req);
      if (problem) return problem;
      const prefix = req.query.prefix ?? '';
      const delimiter = req.query.delimiter;
      const maxKeys = Number(req.query['max-keys'] ?? '1000');
      const entries: { key: string; prefix?: boolean; o?: FakeObject }[] = [];
      const seen = new Set<string>();
      for (const o of sorted) {
        if (!o.key.startsWith(prefix)) continue;
        const rest = o.key.slice(prefix.length);
        const cut = delimiter ? rest.indexOf(delimiter) : -1;
        if (cut >= 0) {
          const p = prefix + rest.slice(0, cut + delimiter!.length);
          if (!seen.has(p)) entries.push({ key: p, prefix: true });
          seen.add(p);
        } else entries.push({ key: o.key, o });
      }
      const after = req.query['continuation-token']
        ? Buffer.from(req.query['continuation-token'], 'base64url').toString('utf8')
        : undefined;
      const start = after === undefined ? 0 : entries.findIndex((e) => e.key > after);
      const page = start < 0 ? [] : entries.slice(start, start + maxKeys);
      const truncated = start >= 0 && start + maxKeys < entries.length;
      const body = [
        '<?xml version="1.0" encoding="UTF-8"?>',
        '<ListBucketResult xmlns="http://s3.amazonaws.com/doc/2006-03-01/">',
        `<Name>${BUCKET}</Name><Prefix>${xmlEscape(prefix)}</Prefix><KeyCount>${page.length}</KeyCount>`,
        `<MaxKeys>${maxKeys}</MaxKeys>${delimiter ? `<Delimiter>${xmlEscape(delimiter)}</Delimiter>` : ''}`,
        `<IsTruncated>${truncated}</IsTruncated>`,
        ...page.map((e) =>
          e.prefix
            ? `<CommonPrefixes><Prefix>${xmlEscape(e.key)}</Prefix></CommonPrefixes>`
            : `<Contents><Key>${xmlEscape(e.key)}</Key><LastModified>${e.o!.lastModified}</LastModified><ETag>"${e.o!.body.length}"</ETag><Size>${Buffer.byteLength(e.o!.body)}</Size><StorageClass>STANDARD</StorageClass></Contents>`,
        ),
        truncated
          ? `<NextContinuationToken>${Buffer.from(page[page.length - 1].key).toString('base64url')}</NextContinuationToken>`
          : '',
        '</ListBucketResult>',
      ].join('');
      return { headers: { 'content-type': 'application/xml' }, body };
    },
  };
  const getRoutes: ReplayRoute[] = sorted.map((o, i) => ({
    path: `${root}/${awsUriEncode(o.key, true)}`,
    faults: i === 0 ? options.getFaults : undefined,
    handler: (req) =>
      check(req) ?? {
        headers: {
          'content-type': 'application/json',
          'last-modified': new Date(o.lastModified).toUTCString(),
          etag: `"${o.body.length}"`,
        },
        body: o.body,
      },
  }));
  return [listRoute, ...getRoutes, { path: root || '/', handler: () => s3Error(400, 'InvalidRequest') }];
}

export function ocwReplayConfig(
  baseUrl: string,
  overrides: Record<string, unknown> = {},
): Record<string, unknown> {
  return {
    storage: {
      storage_type: 's3',
      endpoint: baseUrl,
      bucket: BUCKET,
      region: REGION,
      access_key_id: ACCESS_KEY_ID,
      secret_access_key: SECRET_ACCESS_KEY,
      force_path_style: true,
      ...((overrides.storage as Record<string, unknown>) ?? {}),
    },
    retry_backoff_seconds: 0,
    ...Object.fromEntries(Object.entries(overrides).filter(([k]) => k !== 'storage')),
  };
}

/** The recorded objects in a signed fake bucket, all last modified at one instant (for offline runs). */
export function ocwReplayRoutes(): ReplayRoute[] {
  return fakeS3Routes(
    fixtureObjects(() => '2024-09-24T15:02:11.000Z'),
    { credentials: { accessKeyId: ACCESS_KEY_ID, secretAccessKey: SECRET_ACCESS_KEY } },
  );
}

/**
 * `npx tsx connectors/source-ocw/src/replay-routes.ts [port]`: serve the recorded responses on 127.0.0.1 until
 * interrupted, and print the URL and a config pointing at it (for trying the connector offline).
 */
if (require.main === module) {
  const port = Number(process.argv[2] ?? 0);
  void startReplayServer(ocwReplayRoutes(), { port }).then((server) => {
    process.stdout.write(`${server.url}\n${JSON.stringify(ocwReplayConfig(server.url))}\n`);
    process.on('SIGINT', () => void server.close().then(() => process.exit(0)));
    process.on('SIGTERM', () => void server.close().then(() => process.exit(0)));
  });
}
