import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ofType, runConnector, writeJson, type ConnectorRun } from '../../cdk/testing/connector-process';
import { startReplayServer, type ReplayRoute, type ReplayServer } from '../../cdk/testing/replay-server';
import { CLIENT_SECRET, TOKEN, edxReplayConfig, edxReplayRoutes, tokenHandler } from '../src/replay-routes';

const entry = path.join(__dirname, '..', 'src', 'index.ts');
const fixtures = path.join(__dirname, '..', 'fixtures');
const recordedCourse = JSON.parse(fs.readFileSync(path.join(fixtures, 'test_mitx_course.json'), 'utf8'))
  .results[0];

describe('source-edx', () => {
  let dir: string;
  let server: ReplayServer | undefined;
  beforeAll(() => (dir = fs.mkdtempSync(path.join(os.tmpdir(), 'source-edx-'))));
  afterEach(async () => {
    await server?.close();
    server = undefined;
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  const read = async (
    routes: ReplayRoute[],
    streams: { name: string; incremental?: boolean }[],
    overrides: Record<string, unknown> = {},
    state?: unknown,
  ): Promise<ConnectorRun> => {
    server = await startReplayServer(routes);
    const catalog = {
      streams: streams.map((s) => ({
        stream: { name: s.name, json_schema: {}, supported_sync_modes: ['full_refresh', 'incremental'] },
        sync_mode: s.incremental ? 'incremental' : 'full_refresh',
        destination_sync_mode: 'append',
      })),
    };
    const args = [
      'read',
      '--config',
      writeJson(dir, 'config.json', edxReplayConfig(server.url, overrides)),
      '--catalog',
      writeJson(dir, 'catalog.json', catalog),
    ];
    if (state) args.push('--state', writeJson(dir, 'state.json', state));
    return runConnector(entry, args);
  };
  const data = (r: ConnectorRun, stream: string) =>
    ofType(r.messages, 'RECORD')
      .filter((m) => m.record.stream === stream)
      .map((m) => m.record.data);

  test('one JWT token for the run; every data request carries it; `next` is followed on the configured host', async () => {
    const r = await read(edxReplayRoutes(), [{ name: 'courses' }, { name: 'programs' }]);
    expect(r.code).toBe(0);
    const requests = server!.requests;
    const tokenRequests = requests.filter((q) => q.path === '/oauth2/v1/access_token');
    expect(tokenRequests).toHaveLength(1);
    const form = new URLSearchParams(tokenRequests[0].body);
    expect(form.get('token_type')).toBe('jwt');
    expect(form.get('grant_type')).toBe('client_credentials');
    const dataRequests = requests.filter((q) => q.path !== '/oauth2/v1/access_token');
    expect(dataRequests.map((q) => `${q.path}?page=${q.query.page ?? ''}`)).toEqual([
      '/catalog/v1/catalogs/10/courses?page=',
      '/catalog/v1/catalogs/10/courses?page=2',
      '/api/v1/programs/?page=',
      '/api/v1/programs/?page=2',
    ]);
    for (const q of dataRequests) expect(q.headers.authorization).toBe(`JWT ${TOKEN}`);
    expect(data(r, 'courses').map((c) => c.key)).toEqual(['MITx+15.071x', 'MITx+8.370.3x_review']);
    expect(data(r, 'courses')[0]).toEqual(recordedCourse);
  });

  test('the owner filter keeps MIT programs by default, everything when empty, the named owners otherwise', async () => {
    const mit = await read(edxReplayRoutes(), [{ name: 'programs' }]);
    expect(data(mit, 'programs').map((p) => p.uuid)).toEqual(['927093e3-46ba-4f44-a861-0f8c7aec4f74']);
    await server!.close();
    const all = await read(edxReplayRoutes(), [{ name: 'programs' }], { owner_keys: [] });
    expect(data(all, 'programs')).toHaveLength(3);
    await server!.close();
    const delft = await read(edxReplayRoutes(), [{ name: 'programs' }], { owner_keys: ['DelftX'] });
    expect(data(delft, 'programs').map((p) => p.uuid)).toEqual(['0445d855-1d24-480a-87ff-01a9186e237a']);
  });

  test('an incremental read emits only courses modified since the state', async () => {
    const state = [
      {
        type: 'STREAM',
        stream: {
          stream_descriptor: { name: 'courses' },
          stream_state: { modified: '2020-01-01T00:00:00Z' },
        },
      },
    ];
    const r = await read(edxReplayRoutes(), [{ name: 'courses', incremental: true }], {}, state);
    expect(r.code).toBe(0);
    expect(data(r, 'courses').map((c) => c.key)).toEqual(['MITx+8.370.3x_review']);
    const states = ofType(r.messages, 'STATE');
    expect(states[states.length - 1].state.stream?.stream_state).toMatchObject({
      modified: '2022-09-09T12:21:19.071442Z',
    });
  });

  test('a token refused mid-run (401) is refreshed once and the read goes on', async () => {
    const r = await read(edxReplayRoutes({ coursesFaults: [{ status: 401 }] }), [{ name: 'courses' }]);
    expect(r.code).toBe(0);
    expect(server!.requests.filter((q) => q.path === '/oauth2/v1/access_token')).toHaveLength(2);
    expect(data(r, 'courses')).toHaveLength(2);
  });

  test('wrong client credentials: check FAILED naming the credentials, and the secret is never printed', async () => {
    server = await startReplayServer(edxReplayRoutes());
    const bad = 'not-the-right-secret-123';
    const r = await runConnector(entry, [
      'check',
      '--config',
      writeJson(dir, 'bad.json', edxReplayConfig(server.url, { client_secret: bad })),
    ]);
    expect(r.code).toBe(0);
    const status = ofType(r.messages, 'CONNECTION_STATUS')[0].connectionStatus;
    expect(status.status).toBe('FAILED');
    expect(status.message).toMatch(/client_id and client_secret/);
    expect(r.stdout + r.stderr).not.toContain(bad);
    expect(r.stdout + r.stderr).not.toContain(CLIENT_SECRET);
  });

  test('10,000 generated courses over 100 pages: every page is followed, the owner filter keeps the MIT half', async () => {
    const pages = 100;
    const perPage = 100;
    const path_ = '/catalog/v1/catalogs/10/courses';
    const routes: ReplayRoute[] = [
      { method: 'POST', path: '/oauth2/v1/access_token', handler: tokenHandler },
      {
        path: path_,
        handler: (req, s) => {
          const page = Number(req.query.page ?? '1');
          const results = Array.from({ length: perPage }, (_, i) => {
            const n = (page - 1) * perPage + i;
            return {
              ...recordedCourse,
              key: `GEN+${n}`,
              modified: new Date(Date.UTC(2024, 0, 1) + n * 60_000).toISOString(),
              owners: [{ ...recordedCourse.owners[0], key: n % 2 ? 'HarvardX' : 'MITx' }],
            };
          });
          return { body: { next: page < pages ? `${s.url}${path_}?page=${page + 1}` : null, results } };
        },
      },
    ];
    const r = await read(routes, [{ name: 'courses' }], { page_size: perPage });
    expect(r.code).toBe(0);
    expect(server!.requests.find((q) => q.path === path_)?.query.page_size).toBe(String(perPage));
    const keys = data(r, 'courses').map((c) => c.key);
    expect(keys).toHaveLength(5_000);
    expect(new Set(keys).size).toBe(5_000);
    expect(server!.requests.filter((q) => q.path === path_)).toHaveLength(pages);
    expect(ofType(r.messages, 'STATE').length).toBeGreaterThanOrEqual(pages);
  });
});
