import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ofType, runConnector, writeJson } from '../../cdk/testing/connector-process';
import { startReplayServer, type ReplayRoute } from '../../cdk/testing/replay-server';
import { API_PATH, FIXTURES_DIR, youtubeReplayRoutes } from '../src/replay-routes';
import { quotaReason } from '../src/client';

const entry = path.join(__dirname, '..', 'src', 'index.ts');
const KEY = 'AIza-quota-test-key-99';
const QUOTA_BODY = {
  error: {
    code: 403,
    message: 'The request cannot be completed because you have exceeded your quota.',
    errors: [{ message: 'quota', domain: 'youtube.quota', reason: 'quotaExceeded' }],
  },
};

let dir: string;
beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'youtube-'));
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

async function read(routes: ReplayRoute[], streams: string[], config: Record<string, unknown> = {}) {
  const server = await startReplayServer(routes);
  try {
    const cat = {
      streams: streams.map((name) => ({
        stream: { name, json_schema: {}, supported_sync_modes: ['full_refresh'] },
        sync_mode: 'full_refresh',
        destination_sync_mode: 'overwrite',
      })),
    };
    const r = await runConnector(entry, [
      'read',
      '--config',
      writeJson(dir, 'config.json', {
        api_key: KEY,
        base_url: `${server.url}${API_PATH}`,
        channels_config_url: `${server.url}/channels.yaml`,
        retry_backoff_seconds: 0,
        ...config,
      }),
      '--catalog',
      writeJson(dir, 'catalog.json', cat),
    ]);
    return { r, server, records: ofType(r.messages, 'RECORD').map((m) => m.record) };
  } finally {
    await server.close();
  }
}

test('channels, playlists (all but the ignored), items over two pages, videos; the key is a query parameter and never logged', async () => {
  const { r, server, records } = await read(youtubeReplayRoutes(), [
    'channels',
    'playlists',
    'playlist_items',
    'videos',
  ]);
  expect(r.code).toBe(0);
  const of = (s: string) => records.filter((x) => x.stream === s).map((x) => x.data as any);
  expect(of('channels').map((c) => [c.id, c.config?.offered_by])).toEqual([
    ['UCEBb1b_L6zDS3xTUrIALZOw', 'ocw'],
    ['UCTBMWu8yshnAmpzR3MoJFtw', 'mitx'],
    ['UCBpxspUNl1Th33XbugiHJzw', 'csail'],
  ]);
  expect(of('playlists').map((p) => [p.id, p.config])).toEqual([
    [
      'PLTz-v-F773kXwTSKsX_E9t8ZnP_3LYaGy',
      { channel_id: 'UCTBMWu8yshnAmpzR3MoJFtw', offered_by: 'mitx', create_videos: true },
    ],
  ]);
  const items = of('playlist_items');
  expect(items).toHaveLength(7 + 24);
  expect(new Set(items.map((i) => i.playlist_id))).toEqual(new Set(['PLTz-v-F773kXwTSKsX_E9t8ZnP_3LYaGy']));
  expect(of('videos').map((v) => v.id)).toEqual([
    'a9bGhWnvS1k',
    'ukucq80_gHE',
    'YjFE2OxIg6I',
    'kWPClqksISc',
    'ftLWNYBTf2s',
  ]);
  const itemRequests = server.requests.filter((q) => q.path === `${API_PATH}/playlistItems`);
  // read once per run though two streams use them
  expect(itemRequests.map((q) => q.query.pageToken ?? null)).toEqual([null, 'CDIQAQ']);
  expect(itemRequests.every((q) => q.query.maxResults === '50' && q.query.key === KEY)).toBe(true);
  expect(server.requests.find((q) => q.path === '/channels.yaml')?.query.key).toBeUndefined();
  expect(r.stderr.includes(KEY) || r.stdout.includes(KEY)).toBe(false);
});

test('video ids go to videos.list in batches of 50', async () => {
  const ids = Array.from({ length: 120 }, (_, i) => `vid${String(i).padStart(3, '0')}`);
  const routes: ReplayRoute[] = [
    ...youtubeReplayRoutes().filter((r) => !r.path.endsWith('/playlistItems') && !r.path.endsWith('/videos')),
    {
      path: `${API_PATH}/playlistItems`,
      handler: (req) => {
        const page = Number(req.query.pageToken ?? 0);
        const slice = ids.slice(page * 50, page * 50 + 50);
        return {
          body: {
            items: slice.map((v) => ({
              kind: 'youtube#playlistItem',
              id: `item-${v}`,
              contentDetails: { videoId: v },
            })),
            ...(page * 50 + 50 < ids.length ? { nextPageToken: String(page + 1) } : {}),
          },
        };
      },
    },
    {
      path: `${API_PATH}/videos`,
      handler: (req) => ({
        body: {
          items: req.query.id
            .split(',')
            .map((v) => ({ kind: 'youtube#video', id: v, snippet: { publishedAt: '2024-01-01T00:00:00Z' } })),
        },
      }),
    },
  ];
  const { r, server: s2, records } = await read(routes, ['videos']);
  expect(r.code).toBe(0);
  expect(records.map((x) => x.data.id)).toEqual(ids);
  const videoCalls = s2.requests
    .filter((q) => q.path === `${API_PATH}/videos`)
    .map((q) => q.query.id.split(',').length);
  expect(videoCalls).toEqual([50, 50, 20]);
});

test('a 403 quotaExceeded is retried as throttling and the stream reports RATE_LIMITED', async () => {
  const routes = youtubeReplayRoutes().map((r) =>
    r.path.endsWith('/videos')
      ? {
          ...r,
          faults: [
            { status: 403, body: QUOTA_BODY },
            { status: 403, body: QUOTA_BODY },
          ],
        }
      : r,
  );
  const { r, records } = await read(routes, ['videos']);
  expect(r.code).toBe(0);
  expect(records).toHaveLength(5);
  const statuses = ofType(r.messages, 'TRACE').filter((m) => m.trace.type === 'STREAM_STATUS');
  const limited = statuses.filter((m) =>
    m.trace.stream_status?.reasons?.some((x: any) => x.type === 'RATE_LIMITED'),
  );
  expect(limited.length).toBe(2);
  expect(statuses.at(-1)?.trace.stream_status?.status).toBe('COMPLETE');
});

test('a quota that stays exhausted fails the stream as a transient error; other 403s are config errors', async () => {
  const quota = youtubeReplayRoutes().map((r) =>
    r.path.endsWith('/videos') ? { ...r, status: 403, body: QUOTA_BODY, file: undefined } : r,
  );
  const { r } = await read(quota, ['videos'], { max_retries: 2 });
  expect(r.code).toBe(1);
  const err = ofType(r.messages, 'TRACE').find((m) => m.trace.type === 'ERROR')!;
  expect(err.trace.error?.failure_type).toBe('transient_error');
  expect(err.trace.error?.stream_descriptor?.name).toBe('videos');

  const denied = youtubeReplayRoutes().map((r) =>
    r.path.endsWith('/videos')
      ? {
          ...r,
          status: 403,
          body: { error: { code: 403, errors: [{ reason: 'forbidden' }] } },
          file: undefined,
        }
      : r,
  );
  const d = await read(denied, ['videos'], { max_retries: 2 });
  expect(ofType(d.r.messages, 'TRACE').find((m) => m.trace.type === 'ERROR')?.trace.error?.failure_type).toBe(
    'config_error',
  );
  expect(quotaReason(JSON.stringify(QUOTA_BODY))).toBe('quotaExceeded');
  expect(quotaReason('not json')).toBeUndefined();
});

test('the channels config can be a local file', async () => {
  const { r, records } = await read(youtubeReplayRoutes(), ['channels'], {
    channels_config_url: undefined,
    channels_config_path: path.join(FIXTURES_DIR, 'channels.yaml'),
  });
  expect(r.code).toBe(0);
  expect(records).toHaveLength(3);
});
