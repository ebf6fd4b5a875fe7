import fs from 'node:fs';
import path from 'node:path';
import { createTestDatabase } from '../support/pg';
import {
  expectOk,
  type CliRun,
  setupProject,
  statuses,
  type Engine,
  type ProjectHarness,
} from './support/project-harness';

/**
 * Render-time database access (replayed run_query / statement / adapter.get_columns_in_relation), ephemeral
 * CTEs, hooks, dispatch, project macro overrides, custom generic tests, severity and thresholds,
 * store_failures, contracts, selectors.yml, source freshness, state:modified.
 */
describe.each<Engine>(['duckdb', 'postgres'])('project features on %s', (engine) => {
  let h: ProjectHarness;
  let drop: (() => Promise<void>) | undefined;
  let firstBuild: CliRun;

  beforeAll(async () => {
    let url: string | undefined;
    if (engine === 'postgres') {
      const db = await createTestDatabase('feat');
      url = db.url;
      drop = db.drop;
    }
    h = setupProject('features', engine, url);
    firstBuild = await h.cli('build');
  });

  afterAll(async () => {
    h?.cleanup();
    await drop?.();
  });

  test('build succeeds with a warning test, which does not block', () => {
    expectOk(firstBuild);
    const s = statuses(h.dir);
    expect(
      s['test.features.total_is_positive_in_the_north'] ??
        Object.entries(s).find(([k]) => k.includes('total_is_positive_in_the_north'))?.[1],
    ).toBe('pass');
    const warned = Object.entries(s)
      .filter(([, v]) => v === 'warn')
      .map(([k]) => k);
    expect(warned).toHaveLength(1);
    expect(warned[0]).toMatch(/accepted_values_big_payments_by_region_region__north/);
    expect(firstBuild.stderr).toMatch(/Got 2 results, configured to warn if >= 1/);
  });

  test('a model whose columns come from queries run while it renders', async () => {
    const rows = await h.query(`select * from ${h.schema}.region_pivot`);
    expect(rows).toHaveLength(1);
    const r = rows[0];
    expect(Number(r.east_amount)).toBe(300);
    expect(Number(r.north_amount)).toBe(165);
    expect(Number(r.grand_total)).toBe(560);
    expect(Number(r.source_columns)).toBe(4);
    // adapter.dispatch found the engine's own implementation
    expect(r.label).toBe(`${engine}:EU`);
    // adapter.get_relation found the upstream view while rendering
    expect(r.upstream_is_view).toBe(true);
  });

  test("dbt's cross-database macros give the same answers on each engine", async () => {
    const [r] = await h.query(`select * from ${h.schema}.cross_db`);
    expect(new Date(String(r.month_start)).toISOString().slice(0, 10)).toBe('2024-03-01');
    expect(new Date(String(r.plus_three)).toISOString().slice(0, 10)).toBe('2024-03-20');
    expect(Number(r.days_between)).toBe(16);
    expect(r.abc_md5).toBe('900150983cd24fb0d6963f7d28e17f72');
    expect(r.abc).toBe('abc');
    expect(Number(r.forty_two)).toBe(42);
    expect(r.second_part).toBe('y');
    expect(r.a_string).toBe('t');
    expect(r.has_now).toBe(true);
    expect(r.lit).toBe('lit');
  });

  test('an ephemeral model is inlined as a CTE and never built', async () => {
    const compiled = fs.readFileSync(
      path.join(h.dir, 'target', 'compiled', 'features', 'models', 'marts', 'big_payments_by_region.sql'),
      'utf8',
    );
    expect(compiled).toMatch(/__dbt__cte__big_payments as \(/);
    const rel = await h.query(
      `select table_name from information_schema.tables where table_name = 'big_payments'`,
    );
    expect(rel).toHaveLength(0);
    expect((await h.query(`select * from ${h.schema}.big_payments_by_region`)).length).toBe(3);
  });

  test('hooks: on-run-start, pre_hook, post_hook and on-run-end ran in order', async () => {
    const events = (await h.query(`select event, detail from ${h.schema}.run_audit`)).map(
      (r) => `${r.event}:${r.detail}`,
    );
    expect(events[0]).toMatch(/^start:/);
    expect(events).toContain('pre:hooked');
    expect(events).toContain('post:hooked');
    expect(events[events.length - 1]).toBe('end:14 results');
  });

  test('the project override of generate_schema_name places custom schemas', async () => {
    expect((await h.query('select * from analytics.in_custom_schema')).length).toBe(1);
    expect(
      (await h.query('select * from dbt_test__audit.not_null_big_payments_by_region_region')).length,
    ).toBe(0);
  });

  test('an enforced contract that is not met fails naming the differences', async () => {
    const r = await h.cli('run', '-s', 'contracted', '--vars', '{break_contract: true}');
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/contract of 'contracted' is not met/);
    expect(r.stderr).toMatch(/column 'extra' .* is returned but not declared/);
    // the relation built by the previous run is untouched
    expect(Object.keys((await h.query(`select * from ${h.schema}.contracted limit 1`))[0])).toEqual([
      'id',
      'region',
    ]);
  });

  test('selectors.yml, source freshness and state:modified', async () => {
    const ls = await h.cli(
      'ls',
      '--selector',
      'marts_without_contracts',
      '--resource-type',
      'model',
      '--output',
      'name',
    );
    expect(ls.stdout.trim().split('\n').sort()).toEqual([
      'big_payments_by_region',
      'cross_db',
      'hooked',
      'in_custom_schema',
      'region_pivot',
    ]);
    const fresh = await h.cli('source', 'freshness');
    expectOk(fresh);
    const sources = JSON.parse(fs.readFileSync(path.join(h.dir, 'target', 'sources.json'), 'utf8'));
    expect(sources.results[0].unique_id).toBe('source.features.raw.payments');
    expect(sources.results[0].status).toBe('pass');
    const stateDir = path.join(h.dir, 'prod-state');
    fs.cpSync(path.join(h.dir, 'target'), stateDir, { recursive: true });
    fs.appendFileSync(path.join(h.dir, 'models', 'marts', 'hooked.sql'), '\n-- changed\n');
    const modified = await h.cli(
      'ls',
      '-s',
      'state:modified+',
      '--state',
      stateDir,
      '--output',
      'name',
      '--resource-type',
      'model',
    );
    expect(modified.stdout.trim()).toBe('hooked');
  });
});
