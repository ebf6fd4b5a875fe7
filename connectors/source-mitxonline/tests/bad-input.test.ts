import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ofType, runConnector, writeJson, type ConnectorRun } from '../../cdk/testing/connector-process';
import { startReplayServer, type ReplayRoute, type ReplayServer } from '../../cdk/testing/replay-server';
import { mitxonlineReplayRoutes } from '../src/replay-routes';

const entry = path.join(__dirname, '..', 'src', 'index.ts');
const SECRET = 'mitx-bad-input-key-91c3';
let dir: string;
const servers: ReplayServer[] = [];

beforeAll(() => (dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mitx-bad-'))));
afterAll(async () => {
  await Promise.all(servers.map((s) => s.close()));
  fs.rmSync(dir, { recursive: true, force: true });
});

async function serve(routes: ReplayRoute[]) {
  const s = await startReplayServer(routes);
  servers.push(s);
  return s;
}
let n = 0;
const file = (v: unknown) => writeJson(dir, `f${n++}.json`, v);
const raw = (name: string, text: string) => {
  fs.writeFileSync(path.join(dir, name), text);
  return path.join(dir, name);
};
const config = (url: string, extra: Record<string, unknown> = {}) =>
  file({ base_url: url, api_key: SECRET, retry_backoff_seconds: 0, max_retries: 2, ...extra });
const stream = (name: string, sync_mode = 'full_refresh') => ({
  stream: { name, json_schema: {}, supported_sync_modes: ['full_refresh'] },
  sync_mode,
  destination_sync_mode: 'overwrite',
});
const catalog = (...names: string[]) => file({ streams: names.map((x) => stream(x)) });
const read = (args: string[]) => runConnector(entry, ['read', ...args], { cwd: dir });

function errors(r: ConnectorRun) {
  return ofType(r.messages, 'TRACE')
    .filter((m) => m.trace.type === 'ERROR')
    .map((m) => m.trace.error);
}
function statuses(r: ConnectorRun, name: string) {
  return ofType(r.messages, 'TRACE')
    .filter((m) => m.trace.stream_status?.stream_descriptor.name === name)
    .map((m) => m.trace.stream_status?.status);
}
function noSecret(r: ConnectorRun) {
  expect(r.stdout).not.toContain(SECRET);
  expect(r.stderr).not.toContain(SECRET);
}

describe('bad config, catalog and state: one TRACE ERROR (config_error), exit 1, nothing read', () => {
  let url: string;
  beforeAll(async () => (url = (await serve(mitxonlineReplayRoutes())).url));

  test.each([
    [
      'missing',
      () => path.join(dir, 'does-not-exist.json'),
      /does-not-exist\.json: the config file does not exist/,
    ],
    ['unreadable (a directory)', () => dir, /the config file is a directory/],
    [
      'not JSON',
      () => raw('broken.json', `{"base_url": "x", "api_key": "${SECRET}",`),
      /the config file is not valid JSON/,
    ],
    [
      'invalid',
      () => file({ base_url: 'ftp://example', api_key: SECRET }),
      /field 'base_url' must match pattern/,
    ],
  ])('config %s', async (_what, makePath, message) => {
    const r = await read(['--config', makePath(), '--catalog', catalog('courses')]);
    expect(r.code).toBe(1);
    expect(r.messages).toHaveLength(1);
    expect(errors(r)[0]?.failure_type).toBe('config_error');
    expect(errors(r)[0]?.message).toMatch(message);
    noSecret(r);
  });

  test('a catalog naming unknown streams and an unsupported sync mode', async () => {
    const cat = file({ streams: [stream('courses', 'incremental'), stream('lectures')] });
    const r = await read(['--config', config(url), '--catalog', cat]);
    expect(r.code).toBe(1);
    expect(ofType(r.messages, 'RECORD')).toHaveLength(0);
    const e = errors(r)[0];
    expect(e?.failure_type).toBe('config_error');
    expect(e?.message).toMatch(
      /stream 'courses' does not support sync mode 'incremental' \(supported: full_refresh\)/,
    );
    expect(e?.message).toMatch(/stream 'lectures' is not a stream of source-mitxonline/);
  });

  test('a state file from another connector', async () => {
    const state = file([
      {
        type: 'STREAM',
        stream: { stream_descriptor: { name: 'courses' }, stream_state: { __source: 'source-xpro' } },
      },
    ]);
    const r = await read(['--config', config(url), '--catalog', catalog('courses'), '--state', state]);
    expect(r.code).toBe(1);
    expect(r.messages).toHaveLength(1);
    expect(errors(r)[0]?.message).toMatch(/written by source-xpro, not source-mitxonline/);
  });

  test('check with a missing config: FAILED, exit 0, the file named', async () => {
    const r = await runConnector(entry, ['check', '--config', path.join(dir, 'nope.json')], { cwd: dir });
    expect(r.code).toBe(0);
    const s = ofType(r.messages, 'CONNECTION_STATUS');
    expect(s).toHaveLength(1);
    expect(s[0].connectionStatus.status).toBe('FAILED');
    expect(s[0].connectionStatus.message).toMatch(/nope\.json/);
  });

  test('a usage error (no --catalog) exits 2 with a TRACE ERROR', async () => {
    const r = await read(['--config', config(url)]);
    expect(r.code).toBe(2);
    expect(errors(r)[0]?.message).toMatch(/needs --catalog/);
  });
});

describe('upstream failures: the stream ends INCOMPLETE with one TRACE ERROR, the others go on, exit 1', () => {
  const withCourses = (route: Partial<ReplayRoute>) => {
    const routes = mitxonlineReplayRoutes();
    return [{ ...routes[0], ...route }, ...routes.slice(1)];
  };

  test('HTML instead of JSON: system_error naming the content type; programs still read', async () => {
    const s = await serve(
      withCourses({
        file: undefined,
        headers: { 'content-type': 'text/html' },
        body: '<html><body>Sign in</body></html>',
      }),
    );
    const r = await read(['--config', config(s.url), '--catalog', catalog('courses', 'programs')]);
    expect(r.code).toBe(1);
    expect(errors(r)).toHaveLength(1);
    expect(errors(r)[0]).toMatchObject({
      failure_type: 'system_error',
      stream_descriptor: { name: 'courses' },
    });
    expect(errors(r)[0]?.message).toMatch(/expected JSON but the upstream answered text\/html/);
    expect(statuses(r, 'courses')).toEqual(['STARTED', 'INCOMPLETE']);
    expect(statuses(r, 'programs')).toEqual(['STARTED', 'RUNNING', 'COMPLETE']);
    expect(ofType(r.messages, 'RECORD').map((m) => m.record.stream)).toEqual(['programs', 'programs']);
    noSecret(r);
  });

  test('500 forever: transient_error after the configured retries', async () => {
    const s = await serve(
      withCourses({ file: undefined, status: 500, body: { detail: 'Internal Server Error' } }),
    );
    const r = await read(['--config', config(s.url), '--catalog', catalog('courses')]);
    expect(r.code).toBe(1);
    expect(errors(r)[0]).toMatchObject({
      failure_type: 'transient_error',
      stream_descriptor: { name: 'courses' },
    });
    expect(errors(r)[0]?.message).toMatch(/HTTP 500; gave up after 3 attempt/);
    expect(s.requests.filter((q) => q.path === '/api/v2/courses/')).toHaveLength(3);
    expect(ofType(r.messages, 'RECORD')).toHaveLength(0);
    expect(ofType(r.messages, 'STATE')).toHaveLength(0);
  });

  test('429 with Retry-After: waits, reports RATE_LIMITED, then reads everything', async () => {
    const s = await serve(withCourses({ faults: [{ status: 429, headers: { 'Retry-After': '1' } }] }));
    const r = await read(['--config', config(s.url), '--catalog', catalog('courses')]);
    expect([r.code, errors(r)]).toEqual([0, []]);
    expect(ofType(r.messages, 'RECORD')).toHaveLength(3);
    const limited = ofType(r.messages, 'TRACE').filter(
      (m) => m.trace.stream_status?.reasons?.[0]?.type === 'RATE_LIMITED',
    );
    expect(limited).toHaveLength(1);
    expect(r.stderr).toMatch(/rate limiting \(HTTP 429\); retry 1\/2 in 1000 ms/);
  });

  test('a truncated page: the earlier pages are delivered and checkpointed, nothing of the broken page', async () => {
    const page = (p: number) => ({
      count: 25,
      next: p < 3 ? `{{baseUrl}}/api/v2/courses/?live=true&page=${p + 1}` : null,
      previous: null,
      results: Array.from({ length: p < 3 ? 10 : 5 }, (_, i) => ({
        id: (p - 1) * 10 + i + 1,
        readable_id: `course-v1:T+${p}.${i}`,
        title: `Course ${p}.${i}`,
      })),
    });
    const s = await serve([
      {
        path: '/api/v2/courses/',
        query: { page: '2' },
        body: page(2),
        faults: ['truncate', 'truncate', 'truncate'],
      },
      { path: '/api/v2/courses/', query: { page: '3' }, body: page(3) },
      { path: '/api/v2/courses/', body: page(1) },
    ]);
    const r = await read(['--config', config(s.url), '--catalog', catalog('courses')]);
    expect(r.code).toBe(1);
    expect(errors(r)[0]).toMatchObject({ failure_type: 'transient_error' });
    expect(errors(r)[0]?.message).toMatch(/truncated|aborted|connection/);
    const records = ofType(r.messages, 'RECORD');
    expect(records.map((m) => m.record.data.id)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    const states = ofType(r.messages, 'STATE');
    expect(states).toHaveLength(1);
    expect(states[0].state.sourceStats?.recordCount).toBe(10);
    expect(r.messages.indexOf(states[0])).toBeGreaterThan(r.messages.indexOf(records[9]));
  });
});

describe('pagination and auth', () => {
  test('10,000 generated courses over 100 DRF pages: all read once, an ESTIMATE, a state per page', async () => {
    const total = 10_000;
    const size = 100;
    const s = await serve([
      {
        path: '/api/v2/courses/',
        handler: (req, srv) => {
          const p = Number(req.query.page ?? 1);
          const results = Array.from({ length: size }, (_, i) => {
            const id = (p - 1) * size + i + 1;
            return {
              id,
              readable_id: `course-v1:GEN+${id}`,
              title: `Generated ${id}`,
              topics: [{ name: 'Mathematics' }],
            };
          });
          return {
            body: {
              count: total,
              next: p * size < total ? `${srv.url}/api/v2/courses/?live=true&page=${p + 1}` : null,
              previous: null,
              results,
            },
          };
        },
      },
    ]);
    const r = await read([
      '--config',
      config(s.url, { api_key: undefined }),
      '--catalog',
      catalog('courses'),
    ]);
    expect([r.code, errors(r)]).toEqual([0, []]);
    const ids = ofType(r.messages, 'RECORD').map((m) => m.record.data.id as number);
    expect(ids).toHaveLength(total);
    expect(new Set(ids).size).toBe(total);
    expect(ofType(r.messages, 'STATE')).toHaveLength(101);
    expect(
      ofType(r.messages, 'TRACE').find((m) => m.trace.type === 'ESTIMATE')?.trace.estimate,
    ).toMatchObject({ name: 'courses', row_estimate: total });
    expect(s.requests.every((q) => q.headers.authorization === undefined)).toBe(true);
  });

  test('the Api-Key header is sent when configured; program_courses walks req_tree and skips 404s', async () => {
    const s = await serve(mitxonlineReplayRoutes());
    const r = await read(['--config', config(s.url), '--catalog', catalog('program_courses')]);
    expect([r.code, errors(r)]).toEqual([0, []]);
    expect(s.requests.every((q) => q.headers.authorization === `Api-Key ${SECRET}`)).toBe(true);
    const recs = ofType(r.messages, 'RECORD').map((m) => m.record.data);
    expect(recs.map((d) => [d.program_id, d.course_id, d.position])).toEqual([
      [5, 62, 0],
      [5, 74, 1],
      [5, 79, 2],
    ]);
    expect((recs[0].course as { readable_id: string }).readable_id).toBe('course-v1:MITxT+18.03.1x');
    expect(r.stderr).toMatch(/\/api\/v2\/courses\/81\/: not found \(404\), skipped/);
    noSecret(r);
  });
});
