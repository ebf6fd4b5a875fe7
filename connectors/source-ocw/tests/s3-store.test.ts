import http from 'node:http';
import axios from 'axios';
import { HttpClient, createConnectorLogger } from '../../cdk';
import { startReplayServer, type ReplayServer } from '../../cdk/testing/replay-server';
import { S3Store } from '../src/s3-store';
import { ACCESS_KEY_ID, BUCKET, SECRET_ACCESS_KEY, fakeS3Routes, fixtureObjects } from '../src/replay-routes';

const SLUG = '16-01-unified-engineering-i-ii-iii-iv-fall-2005-spring-2006';

/**
 * Virtual-hosted requests go to `<bucket>.<endpoint host>`. Here every host name resolves to 127.0.0.1
 * (a real socket to the replay server; only name resolution is pinned), so the bucket-in-the-host form
 * can be exercised without DNS.
 */
function clientResolvingTo127(): HttpClient {
  const lookup = (
    _host: string,
    options: { all?: boolean },
    cb: (e: Error | null, a: string | { address: string; family: number }[], f?: number) => void,
  ) => (options?.all ? cb(null, [{ address: '127.0.0.1', family: 4 }]) : cb(null, '127.0.0.1', 4));
  return new HttpClient({
    logger: createConnectorLogger({ write: () => undefined }),
    maxRetries: 0,
    axios: axios.create({
      responseType: 'text',
      transformResponse: [(d: unknown) => d],
      validateStatus: () => true,
      httpAgent: new http.Agent({ lookup: lookup as never }),
    }),
  });
}

describe('S3Store, virtual-hosted style', () => {
  let server: ReplayServer;
  const objects = fixtureObjects(() => '2025-05-05T05:05:05.000Z');
  beforeAll(async () => {
    server = await startReplayServer(
      fakeS3Routes(objects, {
        virtualHosted: true,
        credentials: { accessKeyId: ACCESS_KEY_ID, secretAccessKey: SECRET_ACCESS_KEY },
      }),
    );
  });
  afterAll(() => server.close());

  test('lists course folders and objects and reads them with the bucket in the signed Host', async () => {
    const port = new URL(server.url).port;
    const store = new S3Store(
      clientResolvingTo127(),
      {
        storage_type: 's3',
        bucket: BUCKET,
        endpoint: `http://s3.test:${port}`,
        access_key_id: ACCESS_KEY_ID,
        secret_access_key: SECRET_ACCESS_KEY,
      },
      { prefix: 'courses/', pageSize: 2 },
    );
    const slugs: string[] = [];
    for await (const s of store.courseSlugs()) slugs.push(s);
    expect(slugs).toEqual([SLUG]);
    const keys: string[] = [];
    for await (const o of store.list(`courses/${SLUG}/resources/`)) keys.push(o.key);
    expect(keys).toEqual(
      ['resource', 'textbook', 'video'].map((x) => `courses/${SLUG}/resources/${x}/data.json`),
    );
    const page = await store.getJson(`courses/${SLUG}/pages/syllabus/data.json`);
    expect(page).toEqual({
      data: expect.objectContaining({ title: 'Syllabus' }),
      lastModified: '2025-05-05T05:05:05.000Z',
    });
    expect(await store.getJson(`courses/${SLUG}/missing/data.json`)).toBeUndefined();
    expect(server.requests.every((q) => q.headers.host === `${BUCKET}.s3.test:${port}`)).toBe(true);
    expect(server.requests.filter((q) => q.query['continuation-token'])).toHaveLength(1);
    expect(server.requests.map((q) => q.served).filter((x) => x !== 'ok')).toEqual(['unmatched']);
  });
});
