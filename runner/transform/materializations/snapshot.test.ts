import type { Adapter } from '../adapters/adapter';
import { ENGINES, openTestEngine, type TestEngine } from '../adapters/testing/test-engines';
import { BASE_CSV, seedTable } from './testing/fixtures';
import { materialize } from './testing/materialize';

async function count(adapter: Adapter, sql: string): Promise<number> {
  const { rows } = await adapter.execute(`SELECT count(*) AS n FROM (${sql}) AS c`);
  return Number(rows[0].n);
}

const SNAP_SRC = Array.from({ length: 20 }, (_, k) => {
  const i = k + 1;
  const email = i === 20 ? 'NULL' : `'person${i}@example.org'`;
  return `(${i}, 'First${i}', 'Last${i}', ${email}, TIMESTAMP '2016-0${1 + (i % 9)}-1${i % 10} 0${i % 10}:3${i % 6}:00')`;
}).join(',\n');

describe.each(ENGINES)('snapshots on %s', (type) => {
  let engine: TestEngine;
  let adapter: Adapter;
  beforeAll(async () => {
    engine = await openTestEngine(type);
    adapter = engine.adapter;
    await adapter.createSchema('raw');
  });
  afterAll(() => engine.close());

  const snap = (name: string, sql: string, config: Record<string, unknown>) =>
    materialize(adapter, name, sql, { materialized: 'snapshot', schema: 'snapshots', ...config });

  it('timestamp strategy: 20 rows, then 41 with 30 current (dbt test_basic_snapshot)', async () => {
    await adapter.execute(
      'CREATE TABLE raw.snap_src (id INTEGER, first_name VARCHAR(50), last_name VARCHAR(50), email VARCHAR(50), updated_at TIMESTAMP)',
    );
    await adapter.execute(`INSERT INTO raw.snap_src VALUES ${SNAP_SRC}`);
    const config = { strategy: 'timestamp', unique_key: "id || '-' || first_name", updated_at: 'updated_at' };
    await snap('snapshot_actual', 'select * from raw.snap_src', config);
    const t = 'snapshots.snapshot_actual';
    expect(await count(adapter, `select * from ${t}`)).toBe(20);
    expect(
      await count(
        adapter,
        `select * from ${t} where dbt_valid_from = updated_at and dbt_updated_at = updated_at and dbt_valid_to is null
           and dbt_scd_id = md5(coalesce(cast(id || '-' || first_name as varchar), '') || '|' || coalesce(cast(updated_at as varchar), ''))`,
      ),
    ).toBe(20);

    await adapter.execute(
      `UPDATE raw.snap_src SET updated_at = updated_at + INTERVAL '1 hour',
         email = CASE WHEN id = 20 THEN 'new_person20@example.org' ELSE 'new_' || email END WHERE id >= 10`,
    );
    await adapter.execute(
      `INSERT INTO raw.snap_src SELECT id + 20, first_name, last_name, email, updated_at FROM raw.snap_src WHERE id <= 10`,
    );
    const r = await snap('snapshot_actual', 'select * from raw.snap_src', config);
    expect(r.message).toBe('INSERT 21');
    expect(await count(adapter, `select * from ${t}`)).toBe(41);
    expect(await count(adapter, `select * from ${t} where dbt_valid_to is null`)).toBe(30);
    expect(
      await count(
        adapter,
        `select * from ${t} where dbt_valid_to = dbt_valid_from + INTERVAL '1 hour' and id between 10 and 20`,
      ),
    ).toBe(11);
    expect(
      await count(
        adapter,
        `select * from ${t} s join raw.snap_src r using (id) where s.dbt_valid_to is null and s.email is not distinct from r.email and s.dbt_valid_from = r.updated_at`,
      ),
    ).toBe(30);
    // A third run with no change adds nothing.
    await snap('snapshot_actual', 'select * from raw.snap_src', config);
    expect(await count(adapter, `select * from ${t}`)).toBe(41);
  });

  it('check strategy counts: all / name / some_date, and the timestamp twin (test_snapshot_check_cols)', async () => {
    await seedTable(adapter, 'check_src', BASE_CSV);
    const sql = 'select * from raw.check_src';
    const names = { all: 'cc_all', name: 'cc_name', date: 'cc_date', ts: 'ts_date' } as const;
    const runAll = async () => {
      await snap(names.all, sql, { strategy: 'check', unique_key: 'id', check_cols: 'all' });
      await snap(names.name, sql, { strategy: 'check', unique_key: 'id', check_cols: ['name'] });
      await snap(names.date, sql, { strategy: 'check', unique_key: 'id', check_cols: ['some_date'] });
      await snap(names.ts, sql, { strategy: 'timestamp', unique_key: 'id', updated_at: 'some_date' });
      return Promise.all(Object.values(names).map((n) => count(adapter, `select * from snapshots.${n}`)));
    };
    expect(await runAll()).toEqual([10, 10, 10, 10]);
    await seedTable(adapter, 'add_src', BASE_CSV.split('\n')[0] + '\n' + (await addedRows()));
    await adapter.execute('INSERT INTO raw.check_src SELECT * FROM raw.add_src');
    expect(await runAll()).toEqual([20, 20, 20, 20]);
    await adapter.execute(
      "UPDATE raw.check_src SET some_date = some_date + INTERVAL '1 hour' WHERE id BETWEEN 11 AND 20",
    );
    expect(await runAll()).toEqual([30, 20, 30, 30]);
    await adapter.execute("UPDATE raw.check_src SET name = name || '_updated' WHERE id BETWEEN 1 AND 10");
    expect(await runAll()).toEqual([40, 30, 30, 30]);
  });

  async function addedRows(): Promise<string> {
    return Array.from(
      { length: 10 },
      (_, k) => `${k + 11},Name${k + 11},20${10 + k}-0${1 + (k % 9)}-1${k}T10:00:00`,
    ).join('\n');
  }

  it.each([['invalidate'], ['new_record']])('hard_deletes %s', async (mode) => {
    const src = `raw.hd_${mode}`;
    await adapter.execute(`CREATE TABLE ${src} (id INTEGER, v VARCHAR(10), updated_at TIMESTAMP)`);
    await adapter.execute(
      `INSERT INTO ${src} VALUES (1, 'a', TIMESTAMP '2020-01-01 00:00:00'), (2, 'b', TIMESTAMP '2020-01-01 00:00:00'), (3, 'c', TIMESTAMP '2020-01-01 00:00:00')`,
    );
    const name = `hd_${mode}`;
    const config = { strategy: 'timestamp', unique_key: 'id', updated_at: 'updated_at', hard_deletes: mode };
    await snap(name, `select * from ${src}`, config);
    await adapter.execute(`DELETE FROM ${src} WHERE id = 2`);
    await snap(name, `select * from ${src}`, config);
    const t = `snapshots.${name}`;
    if (mode === 'invalidate') {
      expect(await count(adapter, `select * from ${t}`)).toBe(3);
      expect(await count(adapter, `select * from ${t} where id = 2 and dbt_valid_to is not null`)).toBe(1);
      return;
    }
    expect(await count(adapter, `select * from ${t}`)).toBe(4);
    expect(
      await count(
        adapter,
        `select * from ${t} where dbt_valid_to is null and dbt_is_deleted = 'True' and id = 2`,
      ),
    ).toBe(1);
    expect(await count(adapter, `select * from ${t} where dbt_is_deleted = 'False'`)).toBe(3);
    // Unchanged: nothing new. Back again: the tombstone is closed and a live version opens.
    await snap(name, `select * from ${src}`, config);
    expect(await count(adapter, `select * from ${t}`)).toBe(4);
    await adapter.execute(`INSERT INTO ${src} VALUES (2, 'b', TIMESTAMP '2020-01-01 00:00:00')`);
    await snap(name, `select * from ${src}`, config);
    expect(await count(adapter, `select * from ${t}`)).toBe(5);
    expect(
      await count(
        adapter,
        `select * from ${t} where id = 2 and dbt_valid_to is null and dbt_is_deleted = 'False'`,
      ),
    ).toBe(1);
    expect(await count(adapter, `select * from ${t} where dbt_valid_to is null`)).toBe(3);
  });

  it('honours dbt_valid_to_current and snapshot_meta_column_names', async () => {
    await adapter.execute('CREATE TABLE raw.vtc (id INTEGER, v VARCHAR(10), updated_at TIMESTAMP)');
    await adapter.execute("INSERT INTO raw.vtc VALUES (1, 'a', TIMESTAMP '2020-01-01 00:00:00')");
    const config = {
      strategy: 'timestamp',
      unique_key: 'id',
      updated_at: 'updated_at',
      dbt_valid_to_current: "CAST('9999-12-31' AS TIMESTAMP)",
      snapshot_meta_column_names: { dbt_valid_from: 'valid_from', dbt_valid_to: 'valid_to' },
    };
    await snap('vtc', 'select * from raw.vtc', config);
    await adapter.execute("UPDATE raw.vtc SET v = 'b', updated_at = TIMESTAMP '2020-02-01 00:00:00'");
    await snap('vtc', 'select * from raw.vtc', config);
    const { rows } = await adapter.execute(
      'SELECT v, valid_from, valid_to FROM snapshots.vtc ORDER BY valid_from',
    );
    expect(rows).toEqual([
      { v: 'a', valid_from: new Date('2020-01-01T00:00:00Z'), valid_to: new Date('2020-02-01T00:00:00Z') },
      { v: 'b', valid_from: new Date('2020-02-01T00:00:00Z'), valid_to: new Date('9999-12-31T00:00:00Z') },
    ]);
  });

  it('takes a list unique_key', async () => {
    await adapter.execute(
      'CREATE TABLE raw.multi (a INTEGER, b VARCHAR(5), v VARCHAR(5), updated_at TIMESTAMP)',
    );
    await adapter.execute(
      "INSERT INTO raw.multi VALUES (1, 'x', 'p', TIMESTAMP '2020-01-01 00:00:00'), (1, 'y', 'q', TIMESTAMP '2020-01-01 00:00:00')",
    );
    const config = { strategy: 'timestamp', unique_key: ['a', 'b'], updated_at: 'updated_at' };
    await snap('multi', 'select * from raw.multi', config);
    await adapter.execute(
      "UPDATE raw.multi SET v = 'r', updated_at = TIMESTAMP '2020-01-02 00:00:00' WHERE b = 'y'",
    );
    await snap('multi', 'select * from raw.multi', config);
    expect(await count(adapter, 'select * from snapshots.multi')).toBe(3);
    expect(
      await count(adapter, "select * from snapshots.multi where dbt_valid_to is null and v in ('p', 'r')"),
    ).toBe(2);
  });

  it('adds a column that appears in the query', async () => {
    await adapter.execute('CREATE TABLE raw.grow (id INTEGER, v VARCHAR(10))');
    await adapter.execute("INSERT INTO raw.grow VALUES (1, 'a')");
    const config = { strategy: 'check', unique_key: 'id', check_cols: 'all' };
    await snap('grow', 'select * from raw.grow', config);
    await snap('grow', "select id, v, 'x' as extra from raw.grow", config);
    const cols = await adapter.getColumns({ schema: 'snapshots', identifier: 'grow' });
    expect(cols.map((c) => c.name)).toContain('extra');
    expect(await count(adapter, 'select * from snapshots.grow')).toBe(2);
  });
});
