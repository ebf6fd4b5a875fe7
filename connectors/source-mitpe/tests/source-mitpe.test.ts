import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ofType, runConnector, writeJson, type ConnectorRun } from '../../cdk/testing/connector-process';
import { startReplayServer, type ReplayRoute, type ReplayServer } from '../../cdk/testing/replay-server';

const entry = path.join(__dirname, '..', 'src', 'index.ts');
const fixture = (n: number) => path.join(__dirname, '..', 'fixtures', `professional_ed_resources_${n}.json`);
const recorded = (n: number) => JSON.parse(fs.readFileSync(fixture(n), 'utf8')) as Record<string, unknown>[];

describe('source-mitpe', () => {
  let dir: string;
  let server: ReplayServer | undefined;
  beforeAll(() => (dir = fs.mkdtempSync(path.join(os.tmpdir(), 'source-mitpe-'))));
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
          stream: { name: 'courses', json_schema: {}, supported_sync_modes: ['full_refresh'] },
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

  test('pages 0, 1, 2 are read and the empty page 2 ends paging; rows keep their pipe-delimited fields', async () => {
    const r = await read(
      [0, 1, 2].map((n) => ({ path: '/feeds/courses/', query: { page: String(n) }, file: fixture(n) })),
    );
    expect(r.code).toBe(0);
    expect(server!.requests.map((q) => q.query.page)).toEqual(['0', '1', '2']);
    const rows = ofType(r.messages, 'RECORD').map((m) => m.record.data);
    expect(rows).toEqual([...recorded(0), ...recorded(1)]);
    const design = rows.find((x) => x.uuid === 'e3be75f6-f7c9-432b-9c24-70c7132e1583');
    expect(design?.lead_instructors).toBe('Blade Kotelly|Reza Rahaman');
    expect(design?.start_date).toBe('2123-07-17|2025-09-01');
  });

  test('10,000 generated rows over 100 pages, then an empty page', async () => {
    const template = recorded(1)[0];
    const r = await read([
      {
        path: '/feeds/courses/',
        handler: (req) => {
          const page = Number(req.query.page);
          const rows =
            page < 100
              ? Array.from({ length: 100 }, (_, i) => ({
                  ...template,
                  uuid: `gen-${page}-${i}`,
                  node_id: String(page * 100 + i),
                }))
              : [];
          return { body: rows };
        },
      },
    ]);
    expect(r.code).toBe(0);
    const uuids = ofType(r.messages, 'RECORD').map((m) => m.record.data.uuid);
    expect(uuids).toHaveLength(10_000);
    expect(new Set(uuids).size).toBe(10_000);
    expect(server!.requests).toHaveLength(101);
  });

  test('a page that keeps failing with 503 fails the stream as transient, after the configured retries', async () => {
    const r = await read(
      [
        { path: '/feeds/courses/', query: { page: '0' }, file: fixture(0) },
        { path: '/feeds/courses/', query: { page: '1' }, status: 503, body: { detail: 'down' } },
      ],
      { max_retries: 2 },
    );
    expect(r.code).toBe(1);
    expect(server!.requests.filter((q) => q.query.page === '1')).toHaveLength(3);
    const error = ofType(r.messages, 'TRACE').find((m) => m.trace.type === 'ERROR');
    expect(error?.trace.error?.failure_type).toBe('transient_error');
    expect(error?.trace.error?.message).toContain('page=1');
    // page 0 was complete before page 1 failed: its rows went out, followed by a state
    expect(ofType(r.messages, 'RECORD')).toHaveLength(2);
  });
});
