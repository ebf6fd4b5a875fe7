/**
 * Golden SQL: each case sets up a real database, fetches the facts, plans with the pure planner, compares the
 * plan with goldens/<dialect>/<case>.sql, then runs that same SQL and checks the result.
 * `UPDATE_GOLDENS=1 npx jest goldens` rewrites the files after a deliberate change.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Adapter, Relation } from '../adapters/adapter';
import { ENGINES, openTestEngine, type TestEngine } from '../adapters/testing/test-engines';
import { columnsInQuery } from './columns-in-query';
import { planIncrementalApply, planIncrementalTemp, resolveStrategy } from './incremental';
import type { NodeConfig } from './materialization';
import { renderPlan, type Plan } from './plan';
import { runPlan } from './run-plan';
import { planSeed } from './seed';
import { inferSeedColumns, parseSeedCsv } from './seed';
import { planSnapshot, planSnapshotApply, planSnapshotStaging, specFor } from './snapshot';
import { fetchSwapFacts } from './swap';
import { planTable } from './table';
import { defaultTempName } from './temp-name';
import { planView } from './view';

const namer = defaultTempName(63);

interface GoldenCase {
  name: string;
  /** SQL run first; `S` stands for the case's schema. */
  setup: string[];
  plan: (adapter: Adapter, schema: string) => Promise<Plan>;
  /** After running the plan: a query and the rows it must return. */
  check: [string, Record<string, unknown>[]];
}

const rel = (schema: string, identifier: string, type?: 'table' | 'view'): Relation => ({
  schema,
  identifier,
  type,
});

async function existing(adapter: Adapter, r: Relation): Promise<Relation | null> {
  const found = await adapter.getRelation(r.schema, r.identifier);
  return found ? { schema: r.schema, identifier: r.identifier, type: found.type } : null;
}

/** Both stages of an incremental run as one plan (the scratch table is built for real in between). */
async function incrementalPlan(
  adapter: Adapter,
  schema: string,
  sql: string,
  config: Partial<NodeConfig>,
): Promise<Plan> {
  const target = rel(schema, 'model', 'table');
  const temp = { ...namer(target, '__dbt_tmp'), type: 'table' as const };
  const first = planIncrementalTemp(adapter, temp, null, sql);
  await runPlan(adapter, first);
  const strategy = resolveStrategy(adapter, { materialized: 'incremental', ...config });
  if (strategy.kind !== 'builtin') throw new Error('builtin expected');
  const apply = planIncrementalApply(
    adapter,
    {
      target,
      temp,
      config: { materialized: 'incremental', ...config },
      model: 'model',
      sourceColumns: await adapter.getColumns(temp),
      targetColumns: await adapter.getColumns(target),
    },
    strategy.planner,
  );
  // The scratch table is rebuilt when the whole plan runs.
  await adapter.execute(`DROP TABLE ${adapter.render(temp)}`);
  return [...first, ...apply];
}

async function snapshotPlan(
  adapter: Adapter,
  schema: string,
  sql: string,
  config: Partial<NodeConfig>,
): Promise<Plan> {
  const target = rel(schema, 'snap', 'table');
  const cfg = { materialized: 'snapshot', ...config } as NodeConfig;
  const found = await existing(adapter, target);
  const queryColumns = await columnsInQuery(adapter, sql);
  if (!found) {
    const spec = specFor(adapter, target, sql, cfg, queryColumns, [], 'snap');
    return planSnapshot(spec, await fetchSwapFacts(adapter, target, null, namer));
  }
  const spec = specFor(adapter, target, sql, cfg, queryColumns, await adapter.getColumns(target), 'snap');
  const staging = { ...namer(target, '__dbt_tmp'), type: 'table' as const };
  const first = planSnapshotStaging(spec, staging, null);
  await runPlan(adapter, first);
  const apply = planSnapshotApply(spec, staging, await adapter.getColumns(staging));
  await adapter.execute(`DROP TABLE ${adapter.render(staging)}`);
  return [...first, ...apply];
}

const ROWS = "select 1 as id, 'hello' as msg, 'blue' as color union all select 2, 'goodbye', 'red'";
const NEXT =
  "select 1 as id, 'hey' as msg, 'blue' as color union all select 2, 'yo', 'green' union all select 3, 'anyway', 'purple'";
const MODEL_SETUP = [`CREATE TABLE S.model AS ${ROWS}`];

const CASES: GoldenCase[] = [
  {
    name: 'view-replaces-table',
    setup: ['CREATE TABLE S.model AS SELECT 1 AS id', 'CREATE VIEW S.model__dbt_tmp AS SELECT 0 AS leftover'],
    plan: async (a, s) =>
      planView(
        a,
        await fetchSwapFacts(a, rel(s, 'model'), await existing(a, rel(s, 'model')), namer),
        'select 2 as id;',
      ),
    check: ['SELECT id FROM S.model', [{ id: 2 }]],
  },
  {
    name: 'table-new',
    setup: [],
    plan: async (a, s) => planTable(a, await fetchSwapFacts(a, rel(s, 'model'), null, namer), ROWS),
    check: ['SELECT count(*) AS n FROM S.model', [{ n: 2 }]],
  },
  {
    name: 'table-replaces-table-with-indexes',
    setup: ['CREATE TABLE S.model AS SELECT 1 AS id'],
    plan: async (a, s) =>
      planTable(
        a,
        await fetchSwapFacts(a, rel(s, 'model'), await existing(a, rel(s, 'model')), namer),
        ROWS,
        {
          materialized: 'table',
          indexes: [{ columns: ['id'], unique: true }],
        },
      ),
    check: ['SELECT count(*) AS n FROM S.model', [{ n: 2 }]],
  },
  {
    name: 'incremental-append',
    setup: MODEL_SETUP,
    plan: (a, s) => incrementalPlan(a, s, NEXT, {}),
    check: ['SELECT count(*) AS n FROM S.model', [{ n: 5 }]],
  },
  {
    name: 'incremental-delete-insert',
    setup: MODEL_SETUP,
    plan: (a, s) => incrementalPlan(a, s, NEXT, { unique_key: 'id', incremental_predicates: ['id != 2'] }),
    check: ['SELECT count(*) AS n FROM S.model', [{ n: 4 }]],
  },
  {
    name: 'incremental-delete-insert-list-key',
    setup: MODEL_SETUP,
    plan: (a, s) => incrementalPlan(a, s, NEXT, { unique_key: ['id', 'color'] }),
    check: ['SELECT count(*) AS n FROM S.model', [{ n: 4 }]],
  },
  {
    name: 'incremental-merge',
    setup: MODEL_SETUP,
    plan: (a, s) =>
      incrementalPlan(a, s, NEXT, {
        incremental_strategy: 'merge',
        unique_key: 'id',
        merge_exclude_columns: ['msg'],
      }),
    check: [
      'SELECT id, msg, color FROM S.model ORDER BY id',
      [
        { id: 1, msg: 'hello', color: 'blue' },
        { id: 2, msg: 'goodbye', color: 'green' },
        { id: 3, msg: 'anyway', color: 'purple' },
      ],
    ],
  },
  {
    name: 'incremental-merge-without-merge-into',
    setup: MODEL_SETUP,
    plan: (a, s) =>
      incrementalPlan(
        {
          ...a,
          capabilities: { ...a.capabilities, supportsMerge: false },
          render: a.render.bind(a),
          quote: a.quote.bind(a),
          execute: a.execute.bind(a),
          getColumns: a.getColumns.bind(a),
        } as Adapter,
        s,
        NEXT,
        { incremental_strategy: 'merge', unique_key: 'id', merge_update_columns: ['color'] },
      ),
    check: [
      'SELECT id, msg, color FROM S.model ORDER BY id',
      [
        { id: 1, msg: 'hello', color: 'blue' },
        { id: 2, msg: 'goodbye', color: 'green' },
        { id: 3, msg: 'anyway', color: 'purple' },
      ],
    ],
  },
  {
    name: 'incremental-sync-all-columns',
    setup: MODEL_SETUP,
    plan: (a, s) =>
      incrementalPlan(a, s, "select 3 as id, 'purple' as color, 7 as size", {
        unique_key: 'id',
        on_schema_change: 'sync_all_columns',
      }),
    check: [
      'SELECT id, color, size FROM S.model ORDER BY id',
      [
        { id: 1, color: 'blue', size: null },
        { id: 2, color: 'red', size: null },
        { id: 3, color: 'purple', size: 7 },
      ],
    ],
  },
  {
    name: 'snapshot-first-timestamp',
    setup: ["CREATE TABLE S.src AS SELECT 1 AS id, 'a' AS v, TIMESTAMP '2020-01-01 00:00:00' AS updated_at"],
    plan: (a, s) =>
      snapshotPlan(a, s, `select * from ${s}.src`, {
        strategy: 'timestamp',
        unique_key: 'id',
        updated_at: 'updated_at',
      }),
    check: ['SELECT id, dbt_valid_to FROM S.snap', [{ id: 1, dbt_valid_to: null }]],
  },
  {
    name: 'snapshot-check-new-record',
    setup: [
      "CREATE TABLE S.src AS SELECT 1 AS id, 'a' AS v UNION ALL SELECT 2, 'b'",
      "CREATE TABLE S.snap AS SELECT *, md5(cast(id AS varchar)) AS dbt_scd_id, TIMESTAMP '2020-01-01 00:00:00' AS dbt_updated_at, TIMESTAMP '2020-01-01 00:00:00' AS dbt_valid_from, CAST(NULL AS TIMESTAMP) AS dbt_valid_to, 'False' AS dbt_is_deleted FROM S.src",
      "UPDATE S.src SET v = 'B' WHERE id = 2",
      'DELETE FROM S.src WHERE id = 1',
    ],
    plan: (a, s) =>
      snapshotPlan(a, s, `select * from ${s}.src`, {
        strategy: 'check',
        unique_key: 'id',
        check_cols: ['v'],
        hard_deletes: 'new_record',
      }),
    check: [
      'SELECT id, v, dbt_is_deleted FROM S.snap WHERE dbt_valid_to IS NULL ORDER BY id',
      [
        { id: 1, v: 'a', dbt_is_deleted: 'True' },
        { id: 2, v: 'B', dbt_is_deleted: 'False' },
      ],
    ],
  },
  {
    name: 'snapshot-timestamp-invalidate',
    setup: [
      "CREATE TABLE S.src AS SELECT 1 AS id, 'a' AS v, TIMESTAMP '2020-01-01 00:00:00' AS updated_at UNION ALL SELECT 2, 'b', TIMESTAMP '2020-01-01 00:00:00'",
      'CREATE TABLE S.snap AS SELECT *, md5(cast(id AS varchar)) AS dbt_scd_id, updated_at AS dbt_updated_at, updated_at AS dbt_valid_from, CAST(NULL AS TIMESTAMP) AS dbt_valid_to FROM S.src',
      "UPDATE S.src SET v = 'A', updated_at = TIMESTAMP '2020-02-01 00:00:00' WHERE id = 1",
      'DELETE FROM S.src WHERE id = 2',
    ],
    plan: (a, s) =>
      snapshotPlan(a, s, `select * from ${s}.src`, {
        strategy: 'timestamp',
        unique_key: 'id',
        updated_at: 'updated_at',
        hard_deletes: 'invalidate',
      }),
    check: [
      'SELECT id, v, dbt_valid_to IS NULL AS current FROM S.snap ORDER BY id, dbt_valid_from',
      [
        { id: 1, v: 'a', current: false },
        { id: 1, v: 'A', current: true },
        { id: 2, v: 'b', current: false },
      ],
    ],
  },
  {
    name: 'seed-reload',
    setup: ['CREATE TABLE S.model__dbt_tmp (id INTEGER)'],
    plan: async (a, s) => {
      const { header, rows } = parseSeedCsv('id,name,joined\n1,Ada,2020-01-01\n2,Grace,');
      const target = rel(s, 'model', 'table');
      const swap = await fetchSwapFacts(a, target, null, namer);
      const columns = inferSeedColumns(header, rows, a.capabilities);
      const plan = planSeed(a, { ...swap, columns, existingColumns: [], fullRefresh: false }, rows.length);
      return plan.map((step) =>
        step.label.startsWith('load')
          ? {
              label: step.label,
              sql: [
                `INSERT INTO ${a.render(swap.intermediate)} VALUES (1, 'Ada', DATE '2020-01-01'), (2, 'Grace', NULL)`,
              ],
            }
          : step,
      );
    },
    check: [
      'SELECT id, name, joined FROM S.model ORDER BY id',
      [
        { id: 1, name: 'Ada', joined: '2020-01-01' },
        { id: 2, name: 'Grace', joined: null },
      ],
    ],
  },
];

const update = process.env.UPDATE_GOLDENS === '1';

describe.each(ENGINES)('golden SQL on %s', (type) => {
  let engine: TestEngine;
  beforeAll(async () => {
    engine = await openTestEngine(type);
  });
  afterAll(() => engine.close());

  it.each(CASES.map((c) => [c.name, c] as const))('%s', async (_name, c) => {
    const { adapter } = engine;
    const schema = `g_${c.name.replace(/-/g, '_')}`;
    await adapter.createSchema(schema);
    for (const sql of c.setup) await adapter.execute(sql.replace(/\bS\./g, `${schema}.`));
    const plan = await c.plan(adapter, schema);
    const text = renderPlan(plan);
    const file = path.join(__dirname, 'goldens', type, `${c.name}.sql`);
    if (update) {
      fs.mkdirSync(path.dirname(file), { recursive: true });
      fs.writeFileSync(file, text);
    }
    expect(text).toBe(fs.readFileSync(file, 'utf8'));
    await runPlan(adapter, plan);
    const [query, rows] = c.check;
    expect((await adapter.execute(query.replace(/\bS\./g, `${schema}.`))).rows).toEqual(rows);
  });
});
