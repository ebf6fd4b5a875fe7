/**
 * `learnflow sync` of source-course-content into a DuckDB lakehouse through the real CLI: OLX archives
 * and the OCW site from local folders, incremental, twice (the second sync finds nothing new).
 */
import path from 'node:path';
import { createTarget, type Target } from '../../../tests/sync/support/lakehouse-targets';
import { learnflow, writeConfig } from '../../../tests/sync/support/sync-project';
import { FIXTURES_DIR } from '../src/replay-routes';

describe('learnflow sync of course content into DuckDB', () => {
  let t: Target;
  beforeAll(async () => {
    t = await createTarget('duckdb');
    writeConfig(t, {
      content: {
        source: {
          connector: 'source-course-content',
          config: {
            archives_path: path.join(FIXTURES_DIR, 'archives'),
            ocw_path: path.join(FIXTURES_DIR, 'ocw'),
          },
        },
        streams: ['course_archive_files', 'ocw_content_files'].map((name) => ({
          name,
          sync_mode: 'incremental',
          destination_sync_mode: 'append_dedup',
        })),
        destination: { connector: 'destination-lakehouse', config: {} },
      },
    });
  });
  afterAll(async () => {
    await t?.cleanup();
  });

  test('content files land with their text; a second sync adds nothing', async () => {
    const first = await learnflow(t, ['sync', 'content']);
    expect([first.code, first.stderr.slice(-600)]).toEqual([0, expect.any(String)]);
    const rows = await t.query(
      "SELECT key, text FROM raw.raw__content__ocw_content_files WHERE key LIKE '%/resources/resource'",
    );
    expect(rows).toEqual([
      {
        key: expect.stringMatching(/resources\/resource$/),
        text: 'Problem Set 1\nCompute the lift on a flat plate.',
      },
    ]);
    const count = async () =>
      (await t.query('SELECT count(*)::INTEGER AS n FROM raw.raw__content__course_archive_files')) as Array<{
        n: number;
      }>;
    expect((await count())[0].n).toBe(30);
    const second = await learnflow(t, ['sync', 'content', '--json']);
    expect(second.code).toBe(0);
    const events = second.stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(events[events.length - 1]).toMatchObject({
      event: 'sync_finished',
      status: 'succeeded',
      records_read: 0,
    });
    expect((await count())[0].n).toBe(30);
  });
});
