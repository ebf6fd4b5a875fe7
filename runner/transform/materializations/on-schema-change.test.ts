import type { Adapter } from '../adapters/adapter';
import { ENGINES, openTestEngine, type TestEngine } from '../adapters/testing/test-engines';
import { MaterializationError } from './materialization-error';
import type { OnSchemaChange } from './on-schema-change';
import { materialize, rowsOf } from './testing/materialize';

const MODEL_A = [1, 2, 3, 4, 5, 6]
  .map(
    (i) =>
      `select ${i} as id, 'f1_${i}' as field1, 'f2_${i}' as field2, 'f3_${i}' as field3, 'f4_${i}' as field4`,
  )
  .join(' union all ');

const FIRST = 'select id, field1, field2 from analytics.model_a where id <= 3';
const later = (cols: string, model: string) =>
  `select ${cols} from analytics.model_a where id not in (select id from analytics.${model})`;

describe.each(ENGINES)('on_schema_change on %s', (type) => {
  let engine: TestEngine;
  let adapter: Adapter;
  beforeAll(async () => {
    engine = await openTestEngine(type);
    adapter = engine.adapter;
    await materialize(adapter, 'model_a', MODEL_A, { materialized: 'table' });
  });
  afterAll(() => engine.close());

  async function twoRuns(model: string, mode: OnSchemaChange, secondColumns: string) {
    const config = { materialized: 'incremental', unique_key: 'id', on_schema_change: mode };
    await materialize(adapter, model, FIRST, config);
    return materialize(adapter, model, later(secondColumns, model), config);
  }

  const expected = (cols: string[], filled: (id: number, col: string) => boolean) =>
    [1, 2, 3, 4, 5, 6]
      .map((id) =>
        JSON.stringify(
          Object.fromEntries(
            cols.map((c) => [c, c === 'id' ? id : filled(id, c) ? `${c.replace('field', 'f')}_${id}` : null]),
          ),
        ),
      )
      .sort();

  it('ignore: new columns are dropped from the insert', async () => {
    await twoRuns('osc_ignore', 'ignore', 'id, field1, field2, field3, field4');
    const cols = await adapter.getColumns({ schema: 'analytics', identifier: 'osc_ignore' });
    expect(cols.map((c) => c.name)).toEqual(['id', 'field1', 'field2']);
    expect(await rowsOf(adapter, 'analytics.osc_ignore')).toEqual(
      expected(['id', 'field1', 'field2'], () => true),
    );
  });

  it('append_new_columns: adds the columns, old rows NULL', async () => {
    await twoRuns('osc_append', 'append_new_columns', 'id, field1, field2, field3, field4');
    const cols = ['id', 'field1', 'field2', 'field3', 'field4'];
    expect(
      (await adapter.getColumns({ schema: 'analytics', identifier: 'osc_append' })).map((c) => c.name),
    ).toEqual(cols);
    expect(await rowsOf(adapter, 'analytics.osc_append')).toEqual(
      expected(cols, (id, c) => id > 3 || c === 'field1' || c === 'field2'),
    );
  });

  it('append_new_columns: a column the new rows lack is kept and left NULL', async () => {
    await twoRuns('osc_append_missing', 'append_new_columns', 'id, field1, field3, field4');
    const cols = ['id', 'field1', 'field2', 'field3', 'field4'];
    expect(await rowsOf(adapter, 'analytics.osc_append_missing', cols.join(', '))).toEqual(
      expected(cols, (id, c) => c === 'field1' || (c === 'field2' ? id <= 3 : id > 3)),
    );
  });

  it('sync_all_columns: adds and drops columns', async () => {
    await twoRuns('osc_sync', 'sync_all_columns', 'id, field1, field3, field4');
    const cols = ['id', 'field1', 'field3', 'field4'];
    expect(
      (await adapter.getColumns({ schema: 'analytics', identifier: 'osc_sync' })).map((c) => c.name),
    ).toEqual(cols);
    expect(await rowsOf(adapter, 'analytics.osc_sync')).toEqual(
      expected(cols, (id, c) => c === 'field1' || id > 3),
    );
  });

  it('sync_all_columns: changes a column type', async () => {
    const config = {
      materialized: 'incremental',
      unique_key: 'id',
      on_schema_change: 'sync_all_columns' as const,
    };
    await materialize(adapter, 'osc_retype', 'select 1 as id, 10 as amount', config);
    await materialize(adapter, 'osc_retype', "select 2 as id, 'twenty' as amount", config);
    const cols = await adapter.getColumns({ schema: 'analytics', identifier: 'osc_retype' });
    expect(cols[1].dataType.toLowerCase()).toMatch(/text|varchar/);
    expect(await rowsOf(adapter, 'analytics.osc_retype')).toEqual([
      '{"id":1,"amount":"10"}',
      '{"id":2,"amount":"twenty"}',
    ]);
  });

  it('widens a sized string column whatever the mode (dbt expand_target_column_types)', async () => {
    const config = { materialized: 'incremental', on_schema_change: 'fail' as const };
    await materialize(adapter, 'osc_widen', "select CAST('ab' AS VARCHAR(2)) AS code", config);
    await materialize(adapter, 'osc_widen', "select CAST('abcde' AS VARCHAR(5)) AS code", config);
    expect(await rowsOf(adapter, 'analytics.osc_widen')).toEqual(['{"code":"ab"}', '{"code":"abcde"}']);
  });

  it('fail: stops with a Compilation Error naming the differences', async () => {
    const err = await twoRuns('osc_fail', 'fail', 'id, field1, field3').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(MaterializationError);
    const message = (err as Error).message;
    expect(message).toMatch(
      /^Compilation Error: The source and target schemas on this incremental model are out of sync!/,
    );
    expect(message).toContain("Source columns not in target: ['field3']");
    expect(message).toContain("Target columns not in source: ['field2']");
    expect(await rowsOf(adapter, 'analytics.osc_fail')).toHaveLength(3);
    expect(await adapter.getRelation('analytics', 'osc_fail__dbt_tmp')).toBeNull();
  });
});
