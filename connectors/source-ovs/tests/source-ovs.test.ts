import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ofType, runConnector, writeJson, type ConnectorRun } from '../../cdk/testing/connector-process';
import { startReplayServer, type ReplayRoute, type ReplayServer } from '../../cdk/testing/replay-server';

const entry = path.join(__dirname, '..', 'src', 'index.ts');
const recorded = JSON.parse(
  fs.readFileSync(path.join(__dirname, '..', 'fixtures', 'ovs_videos.json'), 'utf8'),
);
const PATH = '/api/v0/public/videos/';

describe('source-ovs', () => {
  let dir: string;
  let server: ReplayServer | undefined;
  beforeAll(() => (dir = fs.mkdtempSync(path.join(os.tmpdir(), 'source-ovs-'))));
  afterEach(async () => {
    await server?.close();
    server = undefined;
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  const read = async (routes: ReplayRoute[], config: Record<string, unknown> = {}): Promise<ConnectorRun> => {
    server = await startReplayServer(routes);
    const catalog = {
      streams: [
        {
          stream: { name: 'videos', json_schema: {}, supported_sync_modes: ['full_refresh'] },
          sync_mode: 'full_refresh',
          destination_sync_mode: 'overwrite',
        },
      ],
    };
    return runConnector(entry, [
      'read',
      '--config',
      writeJson(dir, 'config.json', { base_url: server.url, retry_backoff_seconds: 0, ...config }),
      '--catalog',
      writeJson(dir, 'catalog.json', catalog),
    ]);
  };

  test('the recorded page: videos unchanged, the count as ESTIMATE', async () => {
    const r = await read([
      {
        path: PATH,
        query: { include_in_learn: 'true' },
        file: path.join(__dirname, '..', 'fixtures', 'ovs_videos.json'),
      },
    ]);
    expect(r.code).toBe(0);
    expect(ofType(r.messages, 'RECORD').map((m) => m.record.data)).toEqual(recorded.results);
    const estimate = ofType(r.messages, 'TRACE').find((m) => m.trace.type === 'ESTIMATE');
    expect(estimate?.trace.estimate?.row_estimate).toBe(2);
  });

  test('10,000 generated videos over 100 pages: `next` on another host without the filter is followed here, with it', async () => {
    const pages = 100;
    const r = await read(
      [
        {
          path: PATH,
          query: { include_in_learn: 'true', page_size: '100' },
          handler: (req) => {
            const page = Number(req.query.page ?? '1');
            const results = Array.from({ length: 100 }, (_, i) => ({
              ...recorded.results[0],
              key: `gen${page}x${i}`,
            }));
            const next = page < pages ? `https://video.odl.mit.edu${PATH}?page=${page + 1}` : null;
            return { body: { count: pages * 100, next, previous: null, results } };
          },
        },
      ],
      { page_size: 100 },
    );
    expect(r.code).toBe(0);
    const keys = ofType(r.messages, 'RECORD').map((m) => m.record.data.key);
    expect(keys).toHaveLength(10_000);
    expect(new Set(keys).size).toBe(10_000);
    expect(server!.requests.every((q) => q.served === 'ok')).toBe(true);
    expect(server!.requests).toHaveLength(pages);
  });

  test('without the Learn filter no include_in_learn parameter is sent', async () => {
    const r = await read(
      [
        {
          path: PATH,
          query: { include_in_learn: null },
          file: path.join(__dirname, '..', 'fixtures', 'ovs_videos.json'),
        },
      ],
      { include_in_learn_only: false },
    );
    expect(r.code).toBe(0);
    expect(ofType(r.messages, 'RECORD')).toHaveLength(2);
  });
});
