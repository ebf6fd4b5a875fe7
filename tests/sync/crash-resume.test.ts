/**
 * kill -9 durability: destination-lakehouse SIGKILLs itself at seeded-random commits and points (before a
 * commit, inside the transaction, after COMMIT but before the state echo); `learnflow sync` is re-run and
 * the final tables must equal an uninterrupted run's: nothing lost, nothing duplicated. Deterministic:
 * the kill is triggered by commit count (LEARNFLOW_TEST_DESTINATION_CRASH), never by timing.
 */
import { createTarget, type Engine, type Target } from './support/lakehouse-targets';
import { learnflow, snapshot, testConnection, writeConfig } from './support/sync-project';

/** mulberry32: a small seeded PRNG, so the kill points are random but the same on every run. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const POINTS = ['start', 'mid', 'after'] as const;
const SOURCE = { count: 150, state_every: 10 };
const DEST = { batch_size: 12 };

function killPoints(seed: number, n: number): { commit: number; point: (typeof POINTS)[number] }[] {
  const rnd = prng(seed);
  // every point is covered; the commits are drawn at random
  return Array.from({ length: n }, (_, i) => ({
    commit: 1 + Math.floor(rnd() * 12),
    point: POINTS[i % POINTS.length],
  }));
}

async function reference(engine: Engine) {
  const ref = await createTarget(engine);
  try {
    writeConfig(ref, { demo: testConnection(SOURCE, DEST) });
    expect((await learnflow(ref, ['sync', 'demo'])).code).toBe(0);
    return await snapshot(ref);
  } finally {
    await ref.cleanup();
  }
}

const CASES: [Engine, number, number][] = [
  ['duckdb', 20261124, 4],
  ['postgres', 5, 3],
];

describe.each(CASES)('kill -9 of the destination on %s (seed %d)', (engine, seed, n) => {
  let expected: Record<string, unknown[]>;
  beforeAll(async () => {
    expected = await reference(engine);
    expect(expected.courses.length).toBeGreaterThan(0);
  });

  test.each(killPoints(seed, n))(
    'killed at commit $commit ($point), resumed: identical tables, exactly once',
    async ({ commit, point }) => {
      const t: Target = await createTarget(engine);
      try {
        writeConfig(t, { demo: testConnection(SOURCE, DEST) });
        const crashed = await learnflow(t, ['sync', 'demo'], {
          LEARNFLOW_TEST_DESTINATION_CRASH: `${commit}:${point}`,
        });
        expect(crashed.code).toBe(1);
        expect(crashed.stderr).toMatch(/the destination was killed by SIGKILL/);
        const resumed = await learnflow(t, ['sync', 'demo']);
        expect([resumed.code, resumed.stderr.slice(-400)]).toEqual([0, expect.any(String)]);
        expect(await snapshot(t)).toEqual(expected);
        // append and dedup streams: every record exactly once in the raw tables too (the state store commits
        // with the records, so a resumed read starts right after the last committed record)
        for (const stream of ['courses', 'enrollments'])
          expect(
            await t.query(
              `SELECT COUNT(*) AS n, COUNT(DISTINCT CAST(_airbyte_data AS VARCHAR)) AS d FROM airbyte_internal.raw_demo__${stream}`,
            ),
          ).toEqual([{ n: SOURCE.count, d: SOURCE.count }]);
        const history = JSON.parse((await learnflow(t, ['lakehouse', 'history', 'demo', '--json'])).stdout);
        expect(history.map((r: { status: string }) => r.status)).toEqual(['succeeded', 'failed']);
      } finally {
        await t.cleanup();
      }
    },
  );
});
