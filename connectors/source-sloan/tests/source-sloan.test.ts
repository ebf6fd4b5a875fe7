import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ofType, runConnector, writeJson, type ConnectorRun } from '../../cdk/testing/connector-process';
import { startReplayServer, type ReplayRoute, type ReplayServer } from '../../cdk/testing/replay-server';
import {
  CLIENT_SECRET,
  TOKEN,
  sloanReplayConfig,
  sloanReplayRoutes,
  tokenHandler,
} from '../src/replay-routes';

const entry = path.join(__dirname, '..', 'src', 'index.ts');
const recordedCourses = JSON.parse(
  fs.readFileSync(path.join(__dirname, '..', 'fixtures', 'test_sloan_courses.json'), 'utf8'),
) as Record<string, string>[];

describe('source-sloan', () => {
  let dir: string;
  let server: ReplayServer | undefined;
  beforeAll(() => (dir = fs.mkdtempSync(path.join(os.tmpdir(), 'source-sloan-'))));
  afterEach(async () => {
    await server?.close();
    server = undefined;
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  const read = async (
    routes: ReplayRoute[],
    streams: { name: string; incremental?: boolean }[],
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
      writeJson(dir, 'config.json', sloanReplayConfig(server.url)),
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

  test('token handshake once (after a 503 on the token endpoint), bearer on both lists, rows unchanged', async () => {
    const r = await read(sloanReplayRoutes({ token: [{ status: 503 }] }), [
      { name: 'courses' },
      { name: 'course_offerings' },
    ]);
    expect(r.code).toBe(0);
    const token = server!.requests.filter((q) => q.path === '/oauth/token');
    expect(token.map((q) => q.served)).toEqual(['status 503', 'ok']);
    const form = new URLSearchParams(token[1].body);
    expect(form.get('grant_type')).toBe('client_credentials');
    for (const q of server!.requests.filter((x) => x.path.startsWith('/api/'))) {
      expect(q.headers.authorization).toBe(`Bearer ${TOKEN}`);
    }
    expect(data(r, 'courses')).toEqual(recordedCourses);
    expect(data(r, 'course_offerings')).toHaveLength(137);
    expect(r.stdout + r.stderr).not.toContain(CLIENT_SECRET);
    expect(r.stdout + r.stderr).not.toContain(TOKEN);
  });

  test('incremental: only courses modified at or after the state, and the state moves to the newest', async () => {
    const since = '2024-08-13T14:00:00.000Z';
    const expected = recordedCourses
      .filter((c) => Date.parse(c.SourceLastModifiedDate) >= Date.parse(since))
      .map((c) => c.Course_Id);
    expect(expected.length).toBeGreaterThan(0);
    expect(expected.length).toBeLessThan(recordedCourses.length);
    const newest = recordedCourses
      .map((c) => c.SourceLastModifiedDate)
      .sort()
      .pop();
    const state = [
      {
        type: 'STREAM',
        stream: { stream_descriptor: { name: 'courses' }, stream_state: { SourceLastModifiedDate: since } },
      },
    ];
    const r = await read(sloanReplayRoutes(), [{ name: 'courses', incremental: true }], state);
    expect(r.code).toBe(0);
    expect(data(r, 'courses').map((c) => c.Course_Id)).toEqual(expected);
    const states = ofType(r.messages, 'STATE');
    expect(states[states.length - 1].state.stream?.stream_state).toMatchObject({
      SourceLastModifiedDate: newest,
    });
  });

  test('a 10,000-course array is read whole', async () => {
    const many = Array.from({ length: 10_000 }, (_, i) => ({
      ...recordedCourses[0],
      Course_Id: `gen${i}`,
      SourceLastModifiedDate: new Date(Date.UTC(2024, 0, 1) + i * 1000).toISOString(),
    }));
    const r = await read(
      [
        { method: 'POST', path: '/oauth/token', handler: tokenHandler },
        { path: '/api/courses', body: many },
      ],
      [{ name: 'courses' }],
    );
    expect(r.code).toBe(0);
    expect(new Set(data(r, 'courses').map((c) => c.Course_Id)).size).toBe(10_000);
  });
});
