/**
 * `learnflow sync` of two catalog sources into a DuckDB lakehouse, through the real CLI: source-edx
 * (OAuth2 JWT handshake, `next` paging, incremental on `modified`) and source-ocw (a signed S3 bucket,
 * incremental on LastModified), both against one replay server on 127.0.0.1.
 */
import { startReplayServer, type ReplayServer } from '../../connectors/cdk/testing/replay-server';
import {
  CLIENT_SECRET,
  edxReplayConfig,
  edxReplayRoutes,
} from '../../connectors/source-edx/src/replay-routes';
import {
  ACCESS_KEY_ID,
  SECRET_ACCESS_KEY,
  fakeS3Routes,
  fixtureObjects,
  ocwReplayConfig,
} from '../../connectors/source-ocw/src/replay-routes';
import { createTarget, type Target } from '../sync/support/lakehouse-targets';
import { learnflow, writeConfig } from '../sync/support/sync-project';

const env = { EDX_CLIENT_SECRET: CLIENT_SECRET, OCW_SECRET_KEY: SECRET_ACCESS_KEY };
const incremental = (names: string[]) =>
  names.map((name) => ({ name, sync_mode: 'incremental', destination_sync_mode: 'append_dedup' }));

describe('learnflow sync of catalog sources into DuckDB', () => {
  let t: Target;
  let server: ReplayServer;
  beforeAll(async () => {
    t = await createTarget('duckdb');
    server = await startReplayServer([
      ...edxReplayRoutes({ coursesFaults: [{ status: 429, headers: { 'Retry-After': '0' } }] }),
      ...fakeS3Routes(
        fixtureObjects(() => '2025-03-01T10:00:00.000Z'),
        { credentials: { accessKeyId: ACCESS_KEY_ID, secretAccessKey: SECRET_ACCESS_KEY } },
      ),
    ]);
    writeConfig(t, {
      edx: {
        source: {
          connector: 'source-edx',
          config: edxReplayConfig(server.url, { client_secret: '${EDX_CLIENT_SECRET}' }),
        },
        streams: incremental(['courses', 'programs']),
        destination: { connector: 'destination-lakehouse', config: {} },
      },
      ocw: {
        source: {
          connector: 'source-ocw',
          config: ocwReplayConfig(server.url, { storage: { secret_access_key: '${OCW_SECRET_KEY}' } }),
        },
        streams: incremental(['courses', 'pages', 'resources']),
        destination: { connector: 'destination-lakehouse', config: {} },
      },
    });
  });
  afterAll(async () => {
    await server?.close();
    await t?.cleanup();
  });

  test('edX lands courses and programs; a second sync reads only from the cursor and keeps one row per key', async () => {
    const first = await learnflow(t, ['sync', 'edx'], env);
    expect([first.code, first.stderr.slice(-800)]).toEqual([0, expect.any(String)]);
    expect(await t.query('SELECT key, title FROM raw.raw__edx__courses ORDER BY key')).toEqual([
      { key: 'MITx+15.071x', title: 'The Analytics Edge' },
      { key: 'MITx+8.370.3x_review', title: expect.any(String) },
    ]);
    expect(await t.query('SELECT uuid FROM raw.raw__edx__programs')).toEqual([
      { uuid: '927093e3-46ba-4f44-a861-0f8c7aec4f74' },
    ]);

    const second = await learnflow(t, ['sync', 'edx', '--json'], env);
    expect(second.code).toBe(0);
    const events = second.stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as Record<string, unknown>);
    // only the newest course and the one program sit at their cursors
    expect(events[events.length - 1]).toMatchObject({
      event: 'sync_finished',
      status: 'succeeded',
      records_read: 2,
    });
    expect(await t.query('SELECT COUNT(*) AS n FROM raw.raw__edx__courses')).toEqual([{ n: 2 }]);
    for (const r of [first, second]) expect(r.stdout + r.stderr).not.toContain(CLIENT_SECRET);
  });

  test('OCW lands courses, pages and resources from the signed bucket, with the object key and LastModified', async () => {
    const r = await learnflow(t, ['sync', 'ocw'], env);
    expect([r.code, r.stderr.slice(-800)]).toEqual([0, expect.any(String)]);
    expect(r.stdout + r.stderr).not.toContain(SECRET_ACCESS_KEY);
    const courses = await t.query(
      // the destination's column names drop the leading underscore
      'SELECT course_title, ab_source_file_url, ab_source_file_last_modified FROM raw.raw__ocw__courses',
    );
    expect(courses).toEqual([
      {
        course_title: 'Unified Engineering I, II, III, & IV',
        ab_source_file_url: 'courses/16-01-unified-engineering-i-ii-iii-iv-fall-2005-spring-2006/data.json',
        ab_source_file_last_modified: '2025-03-01T10:00:00.000Z',
      },
    ]);
    expect(await t.query('SELECT COUNT(*) AS n FROM raw.raw__ocw__pages')).toEqual([{ n: 1 }]);
    expect(await t.query('SELECT title FROM raw.raw__ocw__resources ORDER BY ab_source_file_url')).toEqual([
      { title: 'Resource Title' },
      { title: 'Textbook Title' },
      { title: null },
    ]);
  });
});
