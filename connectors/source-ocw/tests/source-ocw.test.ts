import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ofType, runConnector, writeJson, type ConnectorRun } from '../../cdk/testing/connector-process';
import { startReplayServer, type ReplayRoute, type ReplayServer } from '../../cdk/testing/replay-server';
import {
  ACCESS_KEY_ID,
  BUCKET,
  SECRET_ACCESS_KEY,
  fakeS3Routes,
  fixtureObjects,
  ocwReplayConfig,
  type FakeObject,
} from '../src/replay-routes';

const entry = path.join(__dirname, '..', 'src', 'index.ts');
const SLUG = '16-01-unified-engineering-i-ii-iii-iv-fall-2005-spring-2006';
const credentials = { accessKeyId: ACCESS_KEY_ID, secretAccessKey: SECRET_ACCESS_KEY };
const OLD = '2024-01-01T00:00:00.000Z';
const NEW = '2026-06-01T00:00:00.000Z';
// the course and the video resource changed recently; the rest is old
const objects = fixtureObjects((key) =>
  key.endsWith(`${SLUG}/data.json`) || key.includes('/video/') ? NEW : OLD,
);

describe('source-ocw', () => {
  let dir: string;
  let server: ReplayServer | undefined;
  beforeAll(() => (dir = fs.mkdtempSync(path.join(os.tmpdir(), 'source-ocw-'))));
  afterEach(async () => {
    await server?.close();
    server = undefined;
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  const catalog = (names: string[], incremental = false) => ({
    streams: names.map((name) => ({
      stream: { name, json_schema: {}, supported_sync_modes: ['full_refresh', 'incremental'] },
      sync_mode: incremental ? 'incremental' : 'full_refresh',
      destination_sync_mode: 'append',
    })),
  });
  const run = async (routes: ReplayRoute[], args: (url: string) => string[]): Promise<ConnectorRun> => {
    server = await startReplayServer(routes);
    return runConnector(entry, args(server.url));
  };
  const read = (
    routes: ReplayRoute[],
    config: (url: string) => Record<string, unknown>,
    names: string[],
    state?: unknown,
  ) =>
    run(routes, (url) => [
      'read',
      '--config',
      writeJson(dir, 'config.json', config(url)),
      '--catalog',
      writeJson(dir, 'catalog.json', catalog(names, state !== undefined)),
      ...(state !== undefined ? ['--state', writeJson(dir, 'state.json', state)] : []),
    ]);
  const data = (r: ConnectorRun, stream: string) =>
    ofType(r.messages, 'RECORD')
      .filter((m) => m.record.stream === stream)
      .map((m) => m.record.data);
  const gets = () => server!.requests.filter((q) => q.path.startsWith(`/${BUCKET}/`)).map((q) => q.path);

  test('signed S3 reads: every object as stored plus its key and LastModified; a 429 is retried and reported', async () => {
    const r = await read(
      fakeS3Routes(objects, { credentials, getFaults: [{ status: 429, headers: { 'Retry-After': '0' } }] }),
      (url) => ocwReplayConfig(url),
      ['courses', 'pages', 'resources'],
    );
    expect(r.code).toBe(0);
    expect(server!.requests.map((q) => q.served).filter((x) => x !== 'ok')).toEqual(['status 429']);
    expect(server!.requests.every((q) => q.headers.authorization?.startsWith('AWS4-HMAC-SHA256 '))).toBe(
      true,
    );
    const rateLimited = ofType(r.messages, 'TRACE').filter((m) =>
      m.trace.stream_status?.reasons?.some((x) => x.type === 'RATE_LIMITED'),
    );
    expect(rateLimited.length).toBe(1);
    const course = data(r, 'courses');
    expect(course).toHaveLength(1);
    const stored = JSON.parse(objects.find((o) => o.key === `courses/${SLUG}/data.json`)!.body);
    expect(course[0]).toEqual({
      ...stored,
      _ab_source_file_url: `courses/${SLUG}/data.json`,
      _ab_source_file_last_modified: NEW,
    });
    expect(data(r, 'pages').map((p) => p._ab_source_file_url)).toEqual([
      `courses/${SLUG}/pages/syllabus/data.json`,
    ]);
    expect(data(r, 'resources').map((p) => p._ab_source_file_url)).toEqual(
      ['resource', 'textbook', 'video'].map((x) => `courses/${SLUG}/resources/${x}/data.json`),
    );
  });

  test('incremental: objects listed as older than the state are not even downloaded', async () => {
    const since = '2025-01-01T00:00:00.000Z';
    const state = ['courses', 'resources'].map((name) => ({
      type: 'STREAM',
      stream: { stream_descriptor: { name }, stream_state: { _ab_source_file_last_modified: since } },
    }));
    const r = await read(
      fakeS3Routes(objects, { credentials }),
      (url) => ocwReplayConfig(url),
      ['courses', 'resources'],
      state,
    );
    expect(r.code).toBe(0);
    expect(data(r, 'courses')).toHaveLength(1);
    expect(data(r, 'resources').map((x) => x._ab_source_file_url)).toEqual([
      `courses/${SLUG}/resources/video/data.json`,
    ]);
    expect(gets()).toEqual([
      `/${BUCKET}/courses/${SLUG}/data.json`,
      `/${BUCKET}/courses/${SLUG}/resources/video/data.json`,
    ]);
    const states = ofType(r.messages, 'STATE').map((m) => m.state.stream?.stream_state);
    for (const s of states) expect(s).toMatchObject({ _ab_source_file_last_modified: NEW });
  });

  test('anonymous reads send no Authorization (prefix given without its slash); a wrong secret fails check without printing it', async () => {
    const anon = await read(
      fakeS3Routes(objects),
      // the prefix without its trailing slash means the same folder
      (url) =>
        ocwReplayConfig(url, { storage: { access_key_id: '', secret_access_key: '' }, prefix: 'courses' }),
      ['pages'],
    );
    expect(anon.code).toBe(0);
    expect(server!.requests.every((q) => q.headers.authorization === undefined)).toBe(true);
    expect(data(anon, 'pages')).toHaveLength(1);
    await server!.close();

    const wrong = 'definitely-not-the-secret-key';
    const r = await run(fakeS3Routes(objects, { credentials }), (url) => [
      'check',
      '--config',
      writeJson(dir, 'bad.json', ocwReplayConfig(url, { storage: { secret_access_key: wrong } })),
    ]);
    expect(r.code).toBe(0);
    const status = ofType(r.messages, 'CONNECTION_STATUS')[0].connectionStatus;
    expect(status.status).toBe('FAILED');
    expect(status.message).toMatch(/HTTP 403/);
    expect(r.stdout + r.stderr).not.toContain(wrong);
  });

  test('600 generated courses: the listing follows continuation tokens page after page', async () => {
    const template = objects.find((o) => o.key === `courses/${SLUG}/data.json`)!;
    const many: FakeObject[] = Array.from({ length: 600 }, (_, i) => ({
      key: `courses/gen-${String(i).padStart(5, '0')}/data.json`,
      body: template.body,
      lastModified: OLD,
    }));
    const r = await read(
      fakeS3Routes(many, { credentials }),
      (url) => ocwReplayConfig(url, { page_size: 100 }),
      ['courses'],
    );
    expect(r.code).toBe(0);
    const keys = data(r, 'courses').map((c) => c._ab_source_file_url);
    expect(keys).toHaveLength(600);
    expect(new Set(keys).size).toBe(600);
    const slugListings = server!.requests.filter((q) => q.query.delimiter === '/');
    expect(slugListings).toHaveLength(6);
    expect(slugListings.slice(1).every((q) => q.query['continuation-token'])).toBe(true);
  });

  test('HTTP storage: courses only, from the configured slugs, LastModified from the response', async () => {
    const course = objects.find((o) => o.key === `courses/${SLUG}/data.json`)!;
    const routes: ReplayRoute[] = [
      {
        path: `/mirror/courses/${SLUG}/data.json`,
        headers: { 'last-modified': new Date(NEW).toUTCString() },
        body: JSON.parse(course.body),
        faults: [{ status: 503 }],
      },
    ];
    const config = (url: string) => ({
      storage: { storage_type: 'http', base_url: `${url}/mirror/` },
      course_slugs: [SLUG],
      retry_backoff_seconds: 0,
    });
    server = await startReplayServer(routes);
    const discover = await runConnector(entry, [
      'discover',
      '--config',
      writeJson(dir, 'http.json', config(server.url)),
    ]);
    expect(ofType(discover.messages, 'CATALOG')[0].catalog.streams.map((s) => s.name)).toEqual(['courses']);
    await server.close();
    const r = await read(routes, config, ['courses']);
    expect(r.code).toBe(0);
    expect(data(r, 'courses')).toEqual([
      {
        ...JSON.parse(course.body),
        _ab_source_file_url: `courses/${SLUG}/data.json`,
        _ab_source_file_last_modified: NEW,
      },
    ]);
  });

  test('HTTP storage without course_slugs is a config error naming the field', async () => {
    server = await startReplayServer([]);
    const r = await runConnector(entry, [
      'check',
      '--config',
      writeJson(dir, 'noslugs.json', { storage: { storage_type: 'http', base_url: server.url } }),
    ]);
    const status = ofType(r.messages, 'CONNECTION_STATUS')[0].connectionStatus;
    expect(status.status).toBe('FAILED');
    expect(status.message).toContain('course_slugs');
  });
});
