import type { Column, Relation } from '../adapters/adapter';
import { columnsInQuery } from './columns-in-query';
import type { Materialization, NodeConfig } from './materialization';
import type { Plan, SqlDialect } from './plan';
import { createTableAsSql, dropRelationSql } from './relation-sql';
import {
  snapshotApplySql,
  snapshotFirstSelect,
  snapshotSpec,
  snapshotStagingSelect,
  type SnapshotSpec,
} from './snapshot-sql';
import { fetchSwapFacts, planSwap, type SwapFacts } from './swap';
import { withHooks } from './with-hooks';
import { tempNamerOf } from './temp-namer-of';
import { builtRows, runPlan } from './run-plan';

/** First run: the query's rows plus the meta columns, built under a scratch name and swapped in. */
export function planSnapshot(spec: SnapshotSpec, swap: SwapFacts): Plan {
  return planSwap(
    spec.dialect,
    swap,
    [createTableAsSql(spec.dialect, swap.intermediate, snapshotFirstSelect(spec))],
    'table',
    spec.grants,
  );
}

/** Later runs, step 1: the staging table of inserts, updates and deletes. */
export function planSnapshotStaging(spec: SnapshotSpec, staging: Relation, stale: Relation | null): Plan {
  return [
    ...(stale ? [{ label: 'drop leftovers', sql: [dropRelationSql(spec.dialect, stale)] }] : []),
    { label: 'staging', sql: [createTableAsSql(spec.dialect, staging, snapshotStagingSelect(spec))] },
  ];
}

/** Step 2: new columns, close versions, insert versions (one transaction); the staging table dropped. */
export function planSnapshotApply(spec: SnapshotSpec, staging: Relation, stagingColumns: Column[]): Plan {
  return [
    {
      label: 'apply',
      sql: [...snapshotApplySql(spec, staging, stagingColumns), ...spec.grants],
      transactional: true,
    },
    {
      label: 'drop staging',
      sql: [dropRelationSql(spec.dialect, { ...staging, type: 'table' })],
      always: true,
    },
  ];
}

export function specFor(
  dialect: SqlDialect,
  target: Relation,
  sql: string,
  config: NodeConfig,
  queryColumns: Column[],
  targetColumns: Column[],
  model: string,
): SnapshotSpec {
  return snapshotSpec(
    dialect,
    target,
    sql,
    config,
    queryColumns.map((c) => c.name),
    targetColumns,
    model,
  );
}

export const snapshot: Materialization = async (input) => {
  const { adapter } = input;
  await adapter.createSchema(input.relation.schema);
  const namer = tempNamerOf(input);
  const target = { ...input.relation, type: 'table' as const };
  const queryColumns = await columnsInQuery(adapter, input.sql);
  const existing = input.existing;
  if (!existing || existing.type === 'view') {
    const spec = specFor(adapter, target, input.sql, input.config, queryColumns, [], input.name);
    const facts = await fetchSwapFacts(adapter, target, existing, namer);
    const plan = withHooks(input, planSnapshot(spec, facts));
    const run = await runPlan(adapter, plan);
    const rows = builtRows(plan, run);
    return { status: 'success', message: `SELECT ${rows}`, rowsAffected: rows, executed: run.executed };
  }
  const targetColumns = input.existingColumns.length
    ? input.existingColumns
    : await adapter.getColumns(target);
  const spec = specFor(adapter, target, input.sql, input.config, queryColumns, targetColumns, input.name);
  input.logger?.debug(`${input.name}: snapshot with the ${String(input.config.strategy)} strategy`, {
    hardDeletes: spec.hardDeletes,
  });
  const staging = { ...namer(target, '__dbt_tmp'), type: 'table' as const };
  const found = await adapter.getRelation(staging.schema, staging.identifier);
  const stale = found ? { ...staging, type: found.type } : null;
  const run = await runPlan(
    adapter,
    withHooks({ preHooks: input.preHooks }, planSnapshotStaging(spec, staging, stale)),
  );
  let stagingColumns: Column[];
  try {
    stagingColumns = await adapter.getColumns(staging);
  } catch (e) {
    await adapter.execute(dropRelationSql(adapter, staging)).catch(() => undefined);
    throw e;
  }
  await runPlan(
    adapter,
    withHooks({ postHooks: input.postHooks }, planSnapshotApply(spec, staging, stagingColumns)),
    run,
  );
  const rows = run.rowsAffected.apply ?? 0;
  return { status: 'success', message: `INSERT ${rows}`, rowsAffected: rows, executed: run.executed };
};
