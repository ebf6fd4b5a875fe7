import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ofType, runConnector, writeJson } from '../../cdk/testing/connector-process';
import { startReplayServer, type ReplayServer } from '../../cdk/testing/replay-server';

const entry = path.join(__dirname, '..', 'src', 'index.ts');
const fixture = (name: string) => path.join(__dirname, '..', 'fixtures', name);
const recorded = (name: string) =>
  JSON.parse(fs.readFileSync(fixture(name), 'utf8')) as Record<string, unknown>[];
const catalog = (names: string[]) => ({
  streams: names.map((name) => ({
    stream: { name, json_schema: {}, supported_sync_modes: ['full_refresh'] },
    sync_mode: 'full_refresh',
    destination_sync_mode: 'overwrite',
  })),
});

describe('source-mit-climate', () => {
  let dir: string;
  let server: ReplayServer | undefined;
  beforeAll(() => (dir = fs.mkdtempSync(path.join(os.tmpdir(), 'source-mit-climate-'))));
  afterEach(async () => {
    await server?.close();
    server = undefined;
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  test('both feeds are read from the configured paths, articles unchanged (raw topics, HTML entities kept)', async () => {
    server = await startReplayServer([
      { path: '/mirror/explainers.json', file: fixture('explainers.json') },
      { path: '/mirror/ask.json', file: fixture('ask_mit_climate.json'), faults: ['reset'] },
    ]);
    const config = writeJson(dir, 'config.json', {
      base_url: server.url,
      explainers_path: '/mirror/explainers.json',
      ask_mit_climate_path: '/mirror/ask.json',
      retry_backoff_seconds: 0,
    });
    const r = await runConnector(entry, [
      'read',
      '--config',
      config,
      '--catalog',
      writeJson(dir, 'catalog.json', catalog(['explainers', 'ask_mit_climate'])),
    ]);
    expect(r.code).toBe(0);
    const data = (stream: string) =>
      ofType(r.messages, 'RECORD')
        .filter((m) => m.record.stream === stream)
        .map((m) => m.record.data);
    expect(data('explainers')).toEqual(recorded('explainers.json'));
    expect(data('ask_mit_climate')).toEqual(recorded('ask_mit_climate.json'));
    expect(data('explainers')[0].topics).toBe('Energy|Technology &amp; Innovation');
    expect(server.requests.filter((q) => q.path === '/mirror/ask.json').map((q) => q.served)).toEqual([
      'reset',
      'ok',
    ]);
  });

  test('a feed that is not an array fails its stream and the other stream still completes', async () => {
    server = await startReplayServer([
      { path: '/feeds/explainers', body: { message: 'maintenance' } },
      { path: '/feeds/ask-mit-climate', file: fixture('ask_mit_climate.json') },
    ]);
    const config = writeJson(dir, 'config.json', { base_url: server.url });
    const r = await runConnector(entry, [
      'read',
      '--config',
      config,
      '--catalog',
      writeJson(dir, 'catalog.json', catalog(['explainers', 'ask_mit_climate'])),
    ]);
    expect(r.code).toBe(1);
    const statuses = ofType(r.messages, 'TRACE')
      .filter((m) => m.trace.type === 'STREAM_STATUS')
      .map((m) => `${m.trace.stream_status?.stream_descriptor.name}:${m.trace.stream_status?.status}`);
    expect(statuses).toContain('explainers:INCOMPLETE');
    expect(statuses).toContain('ask_mit_climate:COMPLETE');
    expect(ofType(r.messages, 'RECORD').every((m) => m.record.stream === 'ask_mit_climate')).toBe(true);
  });

  test('a generated feed of 10,000 articles is read whole', async () => {
    const template = recorded('explainers.json')[0];
    server = await startReplayServer([
      {
        path: '/feeds/explainers',
        body: Array.from({ length: 10_000 }, (_, i) => ({
          ...template,
          uuid: `gen-${i}`,
          title: `Article ${i}`,
        })),
      },
    ]);
    const config = writeJson(dir, 'config.json', { base_url: server.url });
    const r = await runConnector(entry, [
      'read',
      '--config',
      config,
      '--catalog',
      writeJson(dir, 'catalog.json', catalog(['explainers'])),
    ]);
    expect(r.code).toBe(0);
    const uuids = ofType(r.messages, 'RECORD').map((m) => m.record.data.uuid);
    expect(uuids).toHaveLength(10_000);
    expect(new Set(uuids).size).toBe(10_000);
  });
});
