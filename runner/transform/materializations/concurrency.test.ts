import { ENGINES, openTestEngine, type TestEngine } from '../adapters/testing/test-engines';
import { materialize, rowsOf } from './testing/materialize';

describe.each(ENGINES)('parallel models on %s', (type) => {
  let engine: TestEngine;
  beforeAll(async () => {
    engine = await openTestEngine(type);
  });
  afterAll(() => engine.close());

  it('builds independent models at once on the shared database', async () => {
    const { adapter } = engine;
    const names = Array.from({ length: 12 }, (_, i) => `par_${i}`);
    const kinds = ['table', 'view', 'incremental'];
    for (let round = 0; round < 2; round += 1) {
      await Promise.all(
        names.map((n, i) =>
          materialize(adapter, n, `select ${i} as id, ${round} as round`, {
            materialized: kinds[i % 3],
            unique_key: 'id',
          }),
        ),
      );
    }
    for (const [i, n] of names.entries())
      expect(await rowsOf(adapter, `analytics.${n}`)).toEqual([JSON.stringify({ id: i, round: 1 })]);
    expect((await adapter.listRelations('analytics')).length).toBe(12);
  });
});
