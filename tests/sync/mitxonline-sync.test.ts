/**
 * The "done when": `learnflow sync` lands source-mitxonline, served by the kit's replay server,
 * into DuckDB and PostgreSQL; a sync whose destination is killed with SIGKILL leaves the previous data
 * whole, the next sync completes, and the run history shows each sync.
 */
import {
  startReplayServer,
  type ReplayRoute,
  type ReplayServer,
} from '../../connectors/cdk/testing/replay-server';
import { mitxonlineReplayRoutes } from '../../connectors/source-mitxonline/src/replay-routes';
import { ENGINES, createTarget, type Target } from './support/lakehouse-targets';
import { learnflow, writeConfig } from './support/sync-project';

const TOTAL = 450;
const PAGE = 50;

/** 450 generated courses over 9 DRF pages, then the recorded programs and detail pages. */
function routes(): ReplayRoute[] {
  return [
    {
      path: '/api/v2/courses/',
      handler: (req, srv) => {
        const p = Number(req.query.page ?? 1);
        const results = Array.from({ length: PAGE }, (_, i) => {
          const id = (p - 1) * PAGE + i + 1;
          return {
            id,
            readable_id: `course-v1:GEN+${id}`,
            title: `Generated ${id}`,
            topics: [{ name: 'Physics' }],
          };
        });
        return {
          body: {
            count: TOTAL,
            next: p * PAGE < TOTAL ? `${srv.url}/api/v2/courses/?live=true&page=${p + 1}` : null,
            previous: null,
            results,
          },
        };
      },
    },
    ...mitxonlineReplayRoutes(),
  ];
}

async function tables(t: Target) {
  return {
    courses: await t.query('SELECT id, readable_id, title FROM raw.raw__mitxonline__courses ORDER BY id'),
    programs: await t.query('SELECT id, title FROM raw.raw__mitxonline__programs ORDER BY id'),
    generations: await t.query(
      'SELECT DISTINCT _airbyte_generation_id AS g FROM airbyte_internal.raw_mitxonline__courses ORDER BY g',
    ),
  };
}

describe.each(ENGINES)('learnflow sync of source-mitxonline (replay server) on %s', (engine) => {
  let server: ReplayServer;
  let t: Target;
  beforeAll(async () => {
    server = await startReplayServer(routes());
  });
  afterAll(async () => {
    await server.close();
  });
  beforeEach(async () => {
    t = await createTarget(engine);
  });
  afterEach(async () => {
    await t.cleanup();
  });

  test('lands the catalog, survives kill -9 of the destination, and the history shows each sync', async () => {
    writeConfig(t, {
      mitxonline: {
        source: {
          connector: 'source-mitxonline',
          config: { base_url: server.url, api_key: '${MITX_API_KEY}' },
        },
        destination: { connector: 'destination-lakehouse', config: { batch_size: 100 } },
      },
    });
    const env = { MITX_API_KEY: 'mitx-key-0c1d2e3f' };
    const first = await learnflow(t, ['sync', 'mitxonline'], env);
    expect([first.code, first.stderr.slice(-800)]).toEqual([0, expect.any(String)]);
    const landed = await tables(t);
    expect(landed.courses).toHaveLength(TOTAL);
    expect(landed.courses[0]).toEqual({ id: 1, readable_id: 'course-v1:GEN+1', title: 'Generated 1' });
    expect(landed.programs.length).toBeGreaterThan(0);
    expect(landed.generations).toEqual([{ g: 1 }]);

    // the second sync (a new generation of these full-refresh streams) dies inside a commit
    const killed = await learnflow(t, ['sync', 'mitxonline'], {
      ...env,
      LEARNFLOW_TEST_DESTINATION_CRASH: '2:mid',
    });
    expect(killed.code).toBe(1);
    expect(killed.stderr).toMatch(/the destination was killed by SIGKILL/);
    expect(await tables(t)).toEqual(landed); // an interrupted overwrite leaves the previous data whole

    const third = await learnflow(t, ['sync', 'mitxonline'], env);
    expect(third.code).toBe(0);
    const after = await tables(t);
    expect(after.courses).toEqual(landed.courses);
    expect(after.programs).toEqual(landed.programs);
    expect(after.generations).toEqual([{ g: 3 }]);

    const history = JSON.parse(
      (await learnflow(t, ['lakehouse', 'history', 'mitxonline', '--json'], env)).stdout,
    );
    expect(history.map((r: { sync_id: number; status: string }) => [r.sync_id, r.status])).toEqual([
      [3, 'succeeded'],
      [2, 'failed'],
      [1, 'succeeded'],
    ]);
    expect(history[1].error).toMatch(/destination was killed by SIGKILL/);
    const courses = history[0].streams.find((s: { stream: string }) => s.stream === 'courses');
    expect(courses).toMatchObject({
      records_read: TOTAL,
      records_committed: TOTAL,
      generation_id: 3,
      status: 'succeeded',
    });
    expect(JSON.stringify(history) + first.stderr + third.stderr).not.toContain(env.MITX_API_KEY);
  });
});
