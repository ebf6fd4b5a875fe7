import { createTestDatabase } from '../support/pg';
import {
  expectOk,
  rowSet,
  setupProject,
  statuses,
  type Engine,
  type ProjectHarness,
} from './support/project-harness';

/** dbt's incremental behaviours (notes §4b cases 1-5 and 10) through `learnflow transform build`. */
describe.each<Engine>(['duckdb', 'postgres'])('incremental models on %s', (engine) => {
  let h: ProjectHarness;
  let drop: (() => Promise<void>) | undefined;
  const rows = async (table: string, columns = '*', order = 'id') =>
    rowSet(await h.query(`select ${columns} from ${h.schema}.${table} order by ${order}`));

  beforeAll(async () => {
    let url: string | undefined;
    if (engine === 'postgres') {
      const db = await createTestDatabase('incr');
      url = db.url;
      drop = db.drop;
    }
    h = setupProject('incremental_cases', engine, url);
    const seeded = await h.cli('seed');
    expectOk(seeded);
    // first run of everything except the model that must fail
    const first = await h.cli('run', '--exclude', 'bad_strategy');
    if (first.status !== 0) throw new Error(first.stderr);
  });

  afterAll(async () => {
    h?.cleanup();
    await drop?.();
  });

  test('case 1: append by filter, then new rows only', async () => {
    expect(await rows('append_by_filter')).toEqual(await rows('base'));
    const r = await h.cli('run', '-s', 'append_by_filter', '--vars', '{seed_name: added}');
    expectOk(r);
    expect(await rows('append_by_filter')).toEqual(await rows('added'));
  });

  test('case 2: unique_key (string and list) replaces with delete+insert; no / empty key appends', async () => {
    const cols = 'state, county, city, cast(last_visit_date as varchar) as d';
    const order = 'state, county, d';
    expect((await h.query(`select * from ${h.schema}.by_state`)).length).toBe(7);
    let r = await h.cli(
      'run',
      '-s',
      'by_state',
      'by_key_list',
      'missing_key_column',
      '--vars',
      '{visits: visits_v2}',
    );
    expect(statuses(h.dir)['model.incremental_cases.by_state']).toBe('success');
    expect(statuses(h.dir)['model.incremental_cases.by_key_list']).toBe('success');
    for (const m of ['by_state', 'by_key_list']) {
      const got = await h.query(`select ${cols} from ${h.schema}.${m} order by ${order}`);
      expect(got).toHaveLength(7);
      expect(got.filter((x) => x.state === 'CT').map((x) => String(x.d))).toEqual(['2022-02-14']);
      // the NULL city row is kept, not duplicated
      expect(got.filter((x) => x.state === 'NY')).toHaveLength(1);
    }
    // a key column that does not exist: the second run errors naming it
    expect(r.status).toBe(1);
    expect(statuses(h.dir)['model.incremental_cases.missing_key_column']).toBe('error');
    expect(r.stderr).toMatch(/thisisnotacolumn/);
    r = await h.cli('run', '-s', 'no_key', 'empty_key', 'empty_list_key', '--vars', '{visits: visits_v3}');
    expectOk(r);
    const seed = rowSet(
      await h
        .query(`select ${cols} from ${h.schema}.visits_v3`)
        .then((x) => x.map((y) => ({ ...y, city: y.city === '' ? null : y.city }))),
    );
    for (const m of ['no_key', 'empty_key', 'empty_list_key']) {
      expect(rowSet(await h.query(`select ${cols} from ${h.schema}.${m}`))).toEqual(seed);
    }
  });

  test('case 3: merge with merge_exclude_columns', async () => {
    const r = await h.cli('run', '-s', 'merge_exclude');
    expectOk(r);
    expect(await rows('merge_exclude')).toEqual(
      rowSet([
        { id: 1, msg: 'hello', color: 'blue' },
        { id: 2, msg: 'goodbye', color: 'green' },
        { id: 3, msg: 'anyway', color: 'purple' },
      ]),
    );
  });

  test('case 4: incremental_predicates limit what delete+insert deletes', async () => {
    const r = await h.cli('run', '-s', 'delete_insert_predicates');
    expectOk(r);
    expect(await rows('delete_insert_predicates')).toEqual(
      rowSet([
        { id: 1, msg: 'hey', color: 'blue' },
        { id: 2, msg: 'goodbye', color: 'red' },
        { id: 2, msg: 'yo', color: 'green' },
        { id: 3, msg: 'anyway', color: 'purple' },
      ]),
    );
  });

  test('case 5: each on_schema_change mode', async () => {
    const r = await h.cli(
      'run',
      '-s',
      'osc_ignore',
      'osc_append_new_columns',
      'osc_append_remove_one',
      'osc_sync_all_columns',
      'osc_sync_remove_one',
    );
    expectOk(r);
    const columns = async (t: string) =>
      (await h.query(`select * from ${h.schema}.${t} order by id`)).map((x) => Object.keys(x).join(','))[0];
    expect(await columns('osc_ignore')).toBe('id,field1,field2');
    expect((await h.query(`select * from ${h.schema}.osc_ignore`)).length).toBe(6);
    const appended = await h.query(
      `select id, field3, field4 from ${h.schema}.osc_append_new_columns order by id`,
    );
    expect(appended.map((x) => x.field4)).toEqual([null, null, null, 'WWW', 'XXX', 'YYY']);
    const removed = await h.query(
      `select id, field2, field3 from ${h.schema}.osc_append_remove_one order by id`,
    );
    expect(removed.map((x) => x.field2)).toEqual(['bbb', 'def', 'ccc', null, null, null]);
    expect(await columns('osc_sync_remove_one')).toBe('id,field1,field3,field4');
    const synced = await h.query(`select id, field3 from ${h.schema}.osc_sync_remove_one order by id`);
    expect(synced.map((x) => (x.field3 === null ? null : Number(x.field3)))).toEqual([
      null,
      null,
      null,
      444,
      555,
      666,
    ]);
    const failed = await h.cli('run', '-s', 'osc_fail');
    expect(failed.status).toBe(1);
    expect(failed.stderr).toMatch(/Compilation Error/);
    expect(statuses(h.dir)['model.incremental_cases.osc_fail']).toBe('error');
  });

  test('case 10: an unknown incremental strategy names the missing macro', async () => {
    let r = await h.cli('build', '-s', 'bad_strategy');
    if (r.status === 0) r = await h.cli('build', '-s', 'bad_strategy');
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/get_incremental_bad_strategy_sql/);
    expect(r.stderr).toMatch(/learnflow transform retry/);
  });
});
