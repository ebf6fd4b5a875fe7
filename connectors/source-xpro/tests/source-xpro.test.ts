import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ofType, runConnector, writeJson } from '../../cdk/testing/connector-process';
import { startReplayServer, type ReplayServer } from '../../cdk/testing/replay-server';

const entry = path.join(__dirname, '..', 'src', 'index.ts');
const fixtures = path.join(__dirname, '..', 'fixtures');
const catalog = (names: string[]) => ({
  streams: names.map((name) => ({
    stream: { name, json_schema: {}, supported_sync_modes: ['full_refresh'] },
    sync_mode: 'full_refresh',
    destination_sync_mode: 'overwrite',
  })),
});

/** A course shaped like the recorded ones, numbered n. */
function course(n: number): Record<string, unknown> {
  const recorded = JSON.parse(fs.readFileSync(path.join(fixtures, 'xpro_courses.json'), 'utf8'))[0];
  return { ...recorded, id: n, readable_id: `course-v1:xPRO+GEN${n}`, title: `Generated course ${n}` };
}

describe('source-xpro', () => {
  let dir: string;
  let server: ReplayServer | undefined;
  beforeAll(() => (dir = fs.mkdtempSync(path.join(os.tmpdir(), 'source-xpro-'))));
  afterEach(async () => {
    await server?.close();
    server = undefined;
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  test('retries after 429, 503, a reset and a truncated body, then reads every record once', async () => {
    server = await startReplayServer([
      {
        path: '/api/courses/',
        file: path.join(fixtures, 'xpro_courses.json'),
        faults: [{ status: 429, headers: { 'Retry-After': '0' } }, { status: 503 }, 'reset', 'truncate'],
      },
      { path: '/api/programs/', file: path.join(fixtures, 'xpro_programs.json') },
    ]);
    const config = writeJson(dir, 'config.json', { base_url: server.url, retry_backoff_seconds: 0 });
    const r = await runConnector(entry, [
      'read',
      '--config',
      config,
      '--catalog',
      writeJson(dir, 'catalog.json', catalog(['courses', 'programs'])),
    ]);
    expect(r.code).toBe(0);
    const served = server.requests.filter((q) => q.path === '/api/courses/').map((q) => q.served);
    expect(served).toEqual(['status 429', 'status 503', 'reset', 'truncate', 'ok']);
    const records = ofType(r.messages, 'RECORD');
    const ids = (stream: string) =>
      records.filter((m) => m.record.stream === stream).map((m) => m.record.data.readable_id);
    expect(ids('courses')).toEqual(['course-v1:xPRO+LASERx4', 'course-v1:xPRO+LASERx3']);
    expect(ids('programs')).toEqual(['program-v1:xPRO+QCR', 'program-v1:xPRO+LASERx']);
    const rateLimited = ofType(r.messages, 'TRACE').filter((m) =>
      m.trace.stream_status?.reasons?.some((x) => x.type === 'RATE_LIMITED'),
    );
    expect(rateLimited.length).toBeGreaterThan(0);
  });

  test('records are the upstream objects, unchanged', async () => {
    server = await startReplayServer([
      { path: '/api/programs/', file: path.join(fixtures, 'xpro_programs.json') },
    ]);
    const config = writeJson(dir, 'config.json', { base_url: server.url });
    const r = await runConnector(entry, [
      'read',
      '--config',
      config,
      '--catalog',
      writeJson(dir, 'catalog.json', catalog(['programs'])),
    ]);
    expect(r.code).toBe(0);
    const recorded = JSON.parse(fs.readFileSync(path.join(fixtures, 'xpro_programs.json'), 'utf8'));
    expect(ofType(r.messages, 'RECORD').map((m) => m.record.data)).toEqual(recorded);
  });

  test('a 10,000-course array is read whole, with paths taken from the config', async () => {
    const many = Array.from({ length: 10_000 }, (_, i) => course(i + 1));
    server = await startReplayServer([{ path: '/mirror/courses.json', body: many }]);
    const config = writeJson(dir, 'config.json', {
      base_url: `${server.url}/mirror/`,
      courses_path: 'courses.json',
    });
    const r = await runConnector(entry, [
      'read',
      '--config',
      config,
      '--catalog',
      writeJson(dir, 'catalog.json', catalog(['courses'])),
    ]);
    expect(r.code).toBe(0);
    const ids = ofType(r.messages, 'RECORD').map((m) => m.record.data.id);
    expect(ids).toHaveLength(10_000);
    expect(new Set(ids).size).toBe(10_000);
  });

  test('an HTML page where JSON is expected fails the stream with a message naming the URL', async () => {
    server = await startReplayServer([
      {
        path: '/api/courses/',
        body: '<html><body>maintenance</body></html>',
        headers: { 'content-type': 'text/html' },
      },
    ]);
    const config = writeJson(dir, 'config.json', { base_url: server.url, max_retries: 0 });
    const r = await runConnector(entry, [
      'read',
      '--config',
      config,
      '--catalog',
      writeJson(dir, 'catalog.json', catalog(['courses'])),
    ]);
    expect(r.code).toBe(1);
    expect(ofType(r.messages, 'RECORD')).toHaveLength(0);
    const error = ofType(r.messages, 'TRACE').find((m) => m.trace.type === 'ERROR');
    expect(error?.trace.error?.message).toContain(`${server.url}/api/courses/`);
    expect(error?.trace.error?.message).toContain('expected JSON');
  });
});
