import type { Adapter } from '../adapters/adapter';
import { ENGINES, openTestEngine, type TestEngine } from '../adapters/testing/test-engines';
import { MaterializationError } from './materialization-error';
import { ADDED_CSV, BASE_CSV, seedTable } from './testing/fixtures';
import { materialize, rowsOf } from './testing/materialize';

const UNIQUE_SEED = [
  'state,county,city,last_visit_date',
  'CT,Hartford,Hartford,2020-09-23',
  'MA,Suffolk,Boston,2020-02-12',
  'NJ,Mercer,Trenton,2022-01-01',
  'NY,Kings,Brooklyn,2021-04-02',
  'NY,New York,Manhattan,2021-04-01',
  'PA,Philadelphia,Philadelphia,2021-05-21',
  'CO,Denver,,2021-06-18',
].join('\n');

const since = (model: string) =>
  `select * from raw.visits where last_visit_date > (select max(last_visit_date) from analytics.${model})`;

/** A view of the adapter that claims no MERGE support, to exercise the UPDATE + INSERT plan on a real engine. */
function withoutMerge(adapter: Adapter): Adapter {
  const capabilities = { ...adapter.capabilities, supportsMerge: false };
  return new Proxy(adapter, {
    get(target, prop) {
      if (prop === 'capabilities') return capabilities;
      const value = Reflect.get(target, prop, target) as unknown;
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
}

describe.each(ENGINES)('incremental on %s', (type) => {
  let engine: TestEngine;
  let adapter: Adapter;
  beforeAll(async () => {
    engine = await openTestEngine(type);
    adapter = engine.adapter;
    await seedTable(adapter, 'base', BASE_CSV);
    await seedTable(adapter, 'added', ADDED_CSV);
  });
  afterAll(() => engine.close());

  /** Reset raw.visits to the 7-row seed plus `extra` rows. */
  async function visits(extra: string[] = []): Promise<void> {
    await seedTable(adapter, 'visits', [UNIQUE_SEED, ...extra].join('\n'));
  }

  it('appends by filter (dbt basic/test_incremental)', async () => {
    await materialize(adapter, 'inc_append', 'select * from raw.base', { materialized: 'incremental' });
    expect(await rowsOf(adapter, 'analytics.inc_append')).toEqual(await rowsOf(adapter, 'raw.base'));
    const r = await materialize(
      adapter,
      'inc_append',
      'select * from raw.added where id > (select max(id) from analytics.inc_append)',
      { materialized: 'incremental' },
    );
    expect(r.rowsAffected).toBe(10);
    expect(await rowsOf(adapter, 'analytics.inc_append')).toEqual(await rowsOf(adapter, 'raw.added'));
    expect((await adapter.listRelations('analytics')).map((x) => x.identifier)).not.toContain(
      'inc_append__dbt_tmp',
    );
  });

  it.each([['state'], [['state', 'county', 'city']]])(
    'replaces by unique_key %j with delete+insert',
    async (key) => {
      const model = `inc_key_${Array.isArray(key) ? 'list' : 'str'}`;
      await visits();
      await materialize(adapter, model, 'select * from raw.visits', {
        materialized: 'incremental',
        unique_key: key,
      });
      await visits(['CT,Hartford,Hartford,2022-02-14']);
      await materialize(adapter, model, since(model), { materialized: 'incremental', unique_key: key });
      const expected = await rowsOf(
        adapter,
        `(select * from raw.visits where not (state = 'CT' and last_visit_date = DATE '2020-09-23')) AS e`,
      );
      expect(await rowsOf(adapter, `analytics.${model}`)).toEqual(expected);
      expect(expected).toHaveLength(7);
    },
  );

  it('takes a unique_key written as an expression', async () => {
    await visits();
    const key = "state || '-' || county";
    await materialize(adapter, 'inc_expr_key', 'select * from raw.visits', {
      materialized: 'incremental',
      unique_key: key,
    });
    await visits(['CT,Hartford,Hartford,2022-02-14']);
    await materialize(adapter, 'inc_expr_key', since('inc_expr_key'), {
      materialized: 'incremental',
      unique_key: key,
    });
    expect(await rowsOf(adapter, 'analytics.inc_expr_key')).toHaveLength(7);
  });

  it('matches key parts null-safely', async () => {
    await visits();
    const key = ['state', 'county', 'city'];
    await materialize(adapter, 'inc_nullsafe', 'select * from raw.visits', {
      materialized: 'incremental',
      unique_key: key,
    });
    await visits(['CO,Denver,,2022-03-01']);
    await materialize(adapter, 'inc_nullsafe', since('inc_nullsafe'), {
      materialized: 'incremental',
      unique_key: key,
    });
    const rows = await rowsOf(adapter, 'analytics.inc_nullsafe');
    expect(rows).toHaveLength(7);
    expect(rows.filter((r) => r.includes('"CO"'))).toEqual([
      JSON.stringify({ state: 'CO', county: 'Denver', city: null, last_visit_date: '2022-03-01' }),
    ]);
  });

  it.each([[undefined], [''], [[]]])('appends when unique_key is %j', async (key) => {
    await visits();
    const model = `inc_nokey_${key === undefined ? 'none' : Array.isArray(key) ? 'list' : 'str'}`;
    await materialize(adapter, model, 'select * from raw.visits', {
      materialized: 'incremental',
      unique_key: key,
    });
    await visits(['WA,King,Seattle,2022-02-01', 'CA,Los Angeles,Los Angeles,2022-02-01']);
    await materialize(adapter, model, since(model), { materialized: 'incremental', unique_key: key });
    expect(await rowsOf(adapter, `analytics.${model}`)).toEqual(await rowsOf(adapter, 'raw.visits'));
    expect(await rowsOf(adapter, `analytics.${model}`)).toHaveLength(9);
  });

  it('names a unique_key column that does not exist, on the second run', async () => {
    await visits();
    const config = { materialized: 'incremental', unique_key: 'thisisnotacolumn' };
    await materialize(adapter, 'inc_badkey', 'select * from raw.visits', config);
    const err = await materialize(adapter, 'inc_badkey', since('inc_badkey'), config).catch(
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(MaterializationError);
    expect((err as Error).message).toContain('thisisnotacolumn');
    expect(await rowsOf(adapter, 'analytics.inc_badkey')).toHaveLength(7);
    expect(await adapter.getRelation('analytics', 'inc_badkey__dbt_tmp')).toBeNull();
  });

  const RUN1 = "select 1 as id, 'hello' as msg, 'blue' as color union all select 2, 'goodbye', 'red'";
  const RUN2 =
    "select 1 as id, 'hey' as msg, 'blue' as color union all select 2, 'yo', 'green' union all select 3, 'anyway', 'purple'";

  it.each([
    ['MERGE', false],
    ['UPDATE + INSERT', true],
  ])('merges with merge_exclude_columns (%s)', async (_label, noMerge) => {
    const db = noMerge ? withoutMerge(adapter) : adapter;
    const model = noMerge ? 'inc_merge_fallback' : 'inc_merge';
    const config = {
      materialized: 'incremental',
      incremental_strategy: 'merge',
      unique_key: 'id',
      merge_exclude_columns: ['msg'],
    };
    await materialize(db, model, RUN1, config);
    const r = await materialize(db, model, RUN2, config);
    expect(r.executed.some((s) => s.startsWith('MERGE'))).toBe(!noMerge);
    expect(await rowsOf(adapter, `analytics.${model}`)).toEqual(
      [
        { id: 1, msg: 'hello', color: 'blue' },
        { id: 2, msg: 'goodbye', color: 'green' },
        { id: 3, msg: 'anyway', color: 'purple' },
      ].map((x) => JSON.stringify(x)),
    );
  });

  it.each([
    ['delete+insert', 'inc_predicates', 'id != 2'],
    ['delete+insert', 'inc_predicates_this', '"analytics"."inc_predicates_this".id != 2'],
    ['merge', 'inc_predicates_merge', 'DBT_INTERNAL_DEST.id != 2'],
  ])('applies incremental_predicates (%s, %s)', async (strategy, model, predicate) => {
    const config = {
      materialized: 'incremental',
      incremental_strategy: strategy,
      unique_key: 'id',
      incremental_predicates: [predicate],
    };
    await materialize(adapter, model, RUN1, config);
    await materialize(adapter, model, RUN2, config);
    expect(await rowsOf(adapter, `analytics.${model}`)).toEqual(
      [
        { id: 1, msg: 'hey', color: 'blue' },
        { id: 2, msg: 'goodbye', color: 'red' },
        { id: 2, msg: 'yo', color: 'green' },
        { id: 3, msg: 'anyway', color: 'purple' },
      ]
        .map((x) => JSON.stringify(x))
        .sort(),
    );
  });

  it('rebuilds on --full-refresh unless full_refresh is false', async () => {
    const config = { materialized: 'incremental' };
    await materialize(adapter, 'inc_refresh', RUN1, config);
    await materialize(adapter, 'inc_refresh', RUN2, config, { fullRefresh: true });
    expect(await rowsOf(adapter, 'analytics.inc_refresh')).toHaveLength(3);
    await materialize(
      adapter,
      'inc_refresh',
      RUN1,
      { ...config, full_refresh: false },
      { fullRefresh: true },
    );
    expect(await rowsOf(adapter, 'analytics.inc_refresh')).toHaveLength(5);
  });

  it('rejects an unknown strategy with dbt wording', async () => {
    const err = await materialize(
      adapter,
      'inc_bad_strategy',
      RUN1,
      {
        materialized: 'incremental',
        incremental_strategy: 'bad_strategy',
      },
      { projectName: 'test' },
    ).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(MaterializationError);
    expect((err as Error).message).toContain(
      'dbt could not find an incremental strategy macro with the name "get_incremental_bad_strategy_sql" in test',
    );
    expect(await adapter.getRelation('analytics', 'inc_bad_strategy')).toBeNull();
    const invalid = await materialize(adapter, 'inc_bad_strategy', RUN1, {
      materialized: 'incremental',
      incremental_strategy: 'insert_overwrite',
    }).catch((e: unknown) => e);
    expect((invalid as Error).message).toContain(
      "The incremental strategy 'insert_overwrite' is not valid for this adapter",
    );
  });

  it('uses a custom strategy macro the engine supplies', async () => {
    const config = { materialized: 'incremental', incremental_strategy: 'insert_twice' };
    const strategyMacro = (name: string) =>
      name === 'get_incremental_insert_twice_sql'
        ? async (args: {
            target_relation: { schema: string; identifier: string };
            temp_relation: { schema: string; identifier: string };
          }) => {
            const t = adapter.render(args.target_relation);
            const s = adapter.render(args.temp_relation);
            return `INSERT INTO ${t} SELECT * FROM ${s} UNION ALL SELECT * FROM ${s}`;
          }
        : undefined;
    await materialize(adapter, 'inc_custom', RUN1, config, { strategyMacro });
    await materialize(adapter, 'inc_custom', RUN1, config, { strategyMacro });
    expect(await rowsOf(adapter, 'analytics.inc_custom')).toHaveLength(6);
  });
});
