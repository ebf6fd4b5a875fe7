import type { Adapter } from '../adapters/adapter';
import { ENGINES, openTestEngine, type TestEngine } from '../adapters/testing/test-engines';
import { duckdbCapabilities, postgresCapabilities } from '../adapters/capabilities';
import { MaterializationError } from './materialization-error';
import { inferSeedColumns, parseSeedCsv } from './seed';
import { materialize, rowsOf } from './testing/materialize';

const TYPED = [
  'id,price,active,day,at,label,empty,big',
  '1,1.5,true,2020-01-31,2020-01-31 10:11:12,"a, b",,3000000000',
  '2,2,False,2021-12-01,2021-12-01T00:00:00,"say ""hi""",null,1',
  '3,-0.25,TRUE,2022-02-28,2022-02-28 23:59:59,x,,2',
].join('\n');

describe('seed type inference', () => {
  it('infers like agate as dbt configures it', () => {
    const { header, rows } = parseSeedCsv(TYPED);
    expect(rows[0][5]).toBe('a, b');
    expect(rows[1][5]).toBe('say "hi"');
    expect(rows[1][6]).toBeNull();
    expect(inferSeedColumns(header, rows, postgresCapabilities(1, 160000))).toEqual([
      { name: 'id', dataType: 'integer' },
      { name: 'price', dataType: 'float8' },
      { name: 'active', dataType: 'boolean' },
      { name: 'day', dataType: 'date' },
      { name: 'at', dataType: 'timestamp without time zone' },
      { name: 'label', dataType: 'text' },
      { name: 'empty', dataType: 'integer' },
      { name: 'big', dataType: 'bigint' },
    ]);
    expect(
      inferSeedColumns(header, rows, duckdbCapabilities(1), { LABEL: 'VARCHAR(20)', id: 'BIGINT' }).map(
        (c) => c.dataType,
      ),
    ).toEqual(['BIGINT', 'DOUBLE', 'BOOLEAN', 'DATE', 'TIMESTAMP', 'VARCHAR(20)', 'INTEGER', 'BIGINT']);
  });

  it('reports a malformed CSV as a compilation error', () => {
    expect(() => parseSeedCsv('a,b\n1,2,3', ',', 'seeds/bad.csv')).toThrow(MaterializationError);
  });
});

describe.each(ENGINES)('seeds on %s', (type) => {
  let engine: TestEngine;
  let adapter: Adapter;
  beforeAll(async () => {
    engine = await openTestEngine(type);
    adapter = engine.adapter;
  });
  afterAll(() => engine.close());

  const seed = (name: string, csv: string, config: Record<string, unknown> = {}, fullRefresh = false) =>
    materialize(
      adapter,
      name,
      '',
      { materialized: 'seed', ...config },
      { seed: { path: `seeds/${name}.csv`, csv }, fullRefresh },
    );

  it('creates a typed table and loads the rows', async () => {
    const r = await seed('typed', TYPED);
    expect(r.message).toBe('INSERT 3');
    const { rows } = await adapter.execute('SELECT * FROM analytics.typed ORDER BY id');
    expect(rows[0]).toEqual({
      id: 1,
      price: 1.5,
      active: true,
      day: '2020-01-31',
      at: new Date('2020-01-31T10:11:12Z'),
      label: 'a, b',
      empty: null,
      big: 3000000000,
    });
    expect(rows[1].active).toBe(false);
  });

  it('honours delimiter, column_types and quote_columns', async () => {
    await seed('semi', 'Code;Name\n007;Bond\n008;Fields', {
      delimiter: ';',
      column_types: { code: 'varchar(3)' },
      quote_columns: false,
    });
    expect(await rowsOf(adapter, 'analytics.semi', 'code, name')).toEqual([
      '{"code":"007","name":"Bond"}',
      '{"code":"008","name":"Fields"}',
    ]);
  });

  it('reloads in place (views on it survive), and rebuilds when the columns change or on full refresh', async () => {
    await seed('reload', 'id,v\n1,a\n2,b');
    await materialize(adapter, 'reload_view', 'select count(*) as n from analytics.reload', {
      materialized: 'view',
    });
    const again = await seed('reload', 'id,v\n1,a\n2,b\n3,c');
    expect(again.executed.some((s) => s.startsWith('DELETE FROM'))).toBe(true);
    expect(await rowsOf(adapter, 'analytics.reload_view')).toEqual(['{"n":3}']);
    const changed = await seed('reload', 'id,v,w\n1,a,x');
    expect(changed.executed.some((s) => /RENAME TO/.test(s))).toBe(true);
    expect(await rowsOf(adapter, 'analytics.reload')).toEqual(['{"id":1,"v":"a","w":"x"}']);
    const refreshed = await seed('reload', 'id,v,w\n2,b,y', {}, true);
    expect(refreshed.executed.some((s) => /RENAME TO/.test(s))).toBe(true);
    expect(await rowsOf(adapter, 'analytics.reload')).toEqual(['{"id":2,"v":"b","w":"y"}']);
    expect(
      (await adapter.listRelations('analytics')).map((r) => r.identifier).filter((n) => n.includes('__dbt')),
    ).toEqual([]);
  });

  it('leaves the old table whole when a value does not fit the declared type', async () => {
    await seed('strict', 'id\n1\n2');
    const err = await seed('strict', 'id\n1\nnot-a-number', { column_types: { id: 'integer' } }).catch(
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(Error);
    expect(await rowsOf(adapter, 'analytics.strict')).toEqual(['{"id":1}', '{"id":2}']);
    expect(await adapter.getRelation('analytics', 'strict__dbt_tmp')).toBeNull();
  });
});
