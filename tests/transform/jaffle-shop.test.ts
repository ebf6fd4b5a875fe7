import fs from 'node:fs';
import path from 'node:path';
import { createTestDatabase } from '../support/pg';
import {
  countStatuses,
  expectOk,
  setupProject,
  type Engine,
  type ProjectHarness,
} from './support/project-harness';

/** The public-example-style project (seeds, staging views, mart tables, generic tests) on both engines. */
describe.each<Engine>(['duckdb', 'postgres'])('jaffle_shop on %s', (engine) => {
  let h: ProjectHarness;
  let drop: (() => Promise<void>) | undefined;

  beforeAll(async () => {
    let url: string | undefined;
    if (engine === 'postgres') {
      const db = await createTestDatabase('jaffle');
      url = db.url;
      drop = db.drop;
    }
    h = setupProject('jaffle_shop', engine, url);
  });

  afterAll(async () => {
    h?.cleanup();
    await drop?.();
  });

  test('build passes: seeds, views, tables and every test', async () => {
    const r = await h.cli('build');
    expect(r.stderr).toMatch(/PASS=\d+ WARN=0 ERROR=0 SKIP=0/);
    expectOk(r);
    const counts = countStatuses(h.dir);
    expect(counts).toEqual({ success: 8, pass: 22 });
    const rows = await h.query(`select count(*) as n from ${h.schema}.customers`);
    expect(Number(rows[0].n)).toBe(20);
    const types = await h.query(
      `select table_name, table_type from information_schema.tables where table_schema = '${h.schema}' order by table_name`,
    );
    const byName = Object.fromEntries(types.map((t) => [t.table_name, t.table_type]));
    expect(byName.stg_orders).toBe('VIEW');
    expect(byName.orders).toBe('BASE TABLE');
  });

  test('artifacts: manifest v12, run_results v6, compiled and run SQL', async () => {
    const manifest = JSON.parse(fs.readFileSync(path.join(h.dir, 'target', 'manifest.json'), 'utf8'));
    expect(manifest.metadata.dbt_schema_version).toBe('https://schemas.getdbt.com/dbt/manifest/v12.json');
    expect(manifest.nodes['model.jaffle_shop.orders'].depends_on.nodes.sort()).toEqual([
      'model.jaffle_shop.stg_orders',
      'model.jaffle_shop.stg_payments',
    ]);
    expect(
      Object.keys(manifest.nodes).some((id) =>
        id.startsWith('test.jaffle_shop.relationships_orders_customer_id__customer_id__ref_customers_.'),
      ),
    ).toBe(true);
    expect(manifest.nodes['model.jaffle_shop.customers'].description).toMatch(/One record per customer/);
    expect(manifest.child_map['model.jaffle_shop.stg_orders']).toContain('model.jaffle_shop.orders');
    const rr = JSON.parse(fs.readFileSync(path.join(h.dir, 'target', 'run_results.json'), 'utf8'));
    expect(rr.metadata.dbt_schema_version).toBe('https://schemas.getdbt.com/dbt/run-results/v6.json');
    // --threads: the three seeds are independent, so they ran on different threads at once
    const seedThreads = new Set(
      rr.results
        .filter((r: { unique_id: string }) => r.unique_id.startsWith('seed.'))
        .map((r: { thread_id: string }) => r.thread_id),
    );
    expect(seedThreads.size).toBe(3);
    expect(
      fs.existsSync(path.join(h.dir, 'target', 'compiled', 'jaffle_shop', 'models', 'marts', 'orders.sql')),
    ).toBe(true);
    expect(
      fs.existsSync(path.join(h.dir, 'target', 'run', 'jaffle_shop', 'models', 'marts', 'orders.sql')),
    ).toBe(true);
  });

  test('compile pretty-prints SQL with refs resolved', async () => {
    const r = await h.cli('compile', '-s', 'orders');
    expectOk(r);
    const sql = fs.readFileSync(
      path.join(h.dir, 'target', 'compiled', 'jaffle_shop', 'models', 'marts', 'orders.sql'),
      'utf8',
    );
    expect(sql).toMatch(/"stg_orders"/);
    expect(sql).toMatch(/credit_card_amount/);
    expect(sql).not.toMatch(/\{\{/);
  });

  test('a failing test prints its first failing rows', async () => {
    await h.query(`insert into ${h.schema}.raw_payments values (999, 1, 'cheque', 100)`);
    await h.cli('run', '-s', 'stg_payments');
    const r = await h.cli('test', '-s', 'stg_payments');
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(
      /accepted_values_stg_payments_payment_method__credit_card__coupon__bank_transfer__gift_card/,
    );
    expect(r.stderr).toMatch(/Got 1 result, configured to fail if != 0/);
    expect(r.stderr).toMatch(/\| value_field \| n_records \|/);
    expect(r.stderr).toMatch(/\| cheque/);
  });

  test('ls lists resources by type and as JSON', async () => {
    const r = await h.cli('ls', '--resource-type', 'model');
    expect(r.stdout.trim().split('\n').sort()).toEqual([
      'jaffle_shop.marts.customers',
      'jaffle_shop.marts.orders',
      'jaffle_shop.staging.stg_customers',
      'jaffle_shop.staging.stg_orders',
      'jaffle_shop.staging.stg_payments',
    ]);
    const j = await h.cli('ls', '-s', 'tag:staging', '--resource-type', 'model', '--output', 'json');
    const items = j.stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(items.map((i) => i.name).sort()).toEqual(['stg_customers', 'stg_orders', 'stg_payments']);
  });

  test('show --inline and show -s model --limit', async () => {
    const r = await h.cli('show', '--inline', "select count(*) as n from {{ ref('customers') }}");
    expectOk(r);
    expect(r.stdout).toMatch(/\| n +\|/);
    const s = await h.cli('show', '-s', 'stg_customers', '--limit', '2', '--output', 'json');
    expect(JSON.parse(s.stdout).show).toHaveLength(2);
  });

  test('docs generate writes catalog.json with nodes and columns', async () => {
    const r = await h.cli('docs', 'generate');
    expectOk(r);
    const catalog = JSON.parse(fs.readFileSync(path.join(h.dir, 'target', 'catalog.json'), 'utf8'));
    expect(catalog.nodes['model.jaffle_shop.customers'].columns.customer_id.index).toBe(1);
    expect(catalog.nodes['model.jaffle_shop.stg_orders'].metadata.type).toBe('VIEW');
  });
});
