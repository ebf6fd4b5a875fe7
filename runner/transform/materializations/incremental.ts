import type { Column, Relation } from '../adapters/adapter';
import type {
  IncrementalStrategyArgs,
  Materialization,
  MaterializationInput,
  NodeConfig,
} from './materialization';
import { MaterializationError } from './materialization-error';
import { ON_SCHEMA_CHANGE_MODES, planSchemaChange, type OnSchemaChange } from './on-schema-change';
import type { Plan, SqlDialect } from './plan';
import { createTableAsSql, dropRelationSql } from './relation-sql';
import {
  BUILTIN_STRATEGIES,
  incrementalStrategies,
  type StrategyInput,
  type StrategyPlanner,
} from './strategies';
import { withHooks } from './with-hooks';
import { grantSql } from './table-extras';
import { tempNamerOf } from './temp-namer-of';
import { builtRows, runPlan } from './run-plan';
import { fetchSwapFacts } from './swap';
import { planTable } from './table';
import { normalizeUniqueKey, resolveUniqueKey } from './unique-key';

/**
 * Whether this run applies new rows to an existing table (what `is_incremental()` answers): the target
 * exists as a table and no full refresh applies. A `full_refresh` config wins over the --full-refresh flag.
 */
export function isIncrementalRun(
  config: NodeConfig,
  existing: Relation | null,
  fullRefreshFlag: boolean,
): boolean {
  const fullRefresh = config.full_refresh ?? fullRefreshFlag;
  return existing !== null && existing.type !== 'view' && !fullRefresh;
}

export type ResolvedStrategy =
  | { name: string; kind: 'builtin'; planner: StrategyPlanner }
  | { name: string; kind: 'macro'; render: (args: IncrementalStrategyArgs) => Promise<string> };

/** The strategy to use: the configured one, else the adapter's default (append, or delete+insert with a key). */
export function resolveStrategy(
  dialect: SqlDialect,
  config: NodeConfig,
  options: Pick<MaterializationInput, 'projectName' | 'strategyMacro'> = {},
): ResolvedStrategy {
  const hasKey = normalizeUniqueKey(config.unique_key).length > 0;
  const defaults = dialect.capabilities.defaultIncrementalStrategy ?? {
    withoutUniqueKey: 'append',
    withUniqueKey: 'delete+insert',
  };
  const name = config.incremental_strategy || (hasKey ? defaults.withUniqueKey : defaults.withoutUniqueKey);
  const valid = dialect.capabilities.incrementalStrategies;
  if (BUILTIN_STRATEGIES.includes(name) && !valid.includes(name))
    throw new MaterializationError(
      'Runtime Error',
      `The incremental strategy '${name}' is not valid for this adapter`,
    );
  const planner = valid.includes(name) ? incrementalStrategies[name] : undefined;
  if (planner) return { name, kind: 'builtin', planner };
  const macroName = `get_incremental_${name.replace(/\+/g, '_')}_sql`;
  const render = options.strategyMacro?.(macroName);
  if (render) return { name, kind: 'macro', render };
  throw new MaterializationError(
    'Runtime Error',
    `dbt could not find an incremental strategy macro with the name "${macroName}" in ${options.projectName ?? 'this project'}`,
  );
}

/** `incremental_predicates`, or dbt-duckdb's older name `predicates`. */
function predicatesOf(config: NodeConfig): string[] {
  const value = config.incremental_predicates ?? config.predicates;
  if (value == null) return [];
  return (Array.isArray(value) ? value : [value]).map(String);
}

function onSchemaChangeOf(config: NodeConfig): OnSchemaChange {
  const mode = (config.on_schema_change ?? 'ignore') as OnSchemaChange;
  if (!ON_SCHEMA_CHANGE_MODES.includes(mode))
    throw new MaterializationError(
      'Compilation Error',
      `invalid on_schema_change '${String(mode)}': expected one of ${ON_SCHEMA_CHANGE_MODES.join(', ')}`,
    );
  return mode;
}

/** Step 1 of an incremental run: the new rows into a scratch table. */
export function planIncrementalTemp(
  dialect: SqlDialect,
  temp: Relation,
  stale: Relation | null,
  sql: string,
): Plan {
  return [
    ...(stale ? [{ label: 'drop leftovers', sql: [dropRelationSql(dialect, stale)] }] : []),
    { label: 'new rows', sql: [createTableAsSql(dialect, temp, sql)] },
  ];
}

export interface IncrementalApplyFacts {
  target: Relation;
  temp: Relation;
  config: NodeConfig;
  model: string;
  /** Columns of the scratch table (the model's new rows) and of the target. */
  sourceColumns: Column[];
  targetColumns: Column[];
}

/** What step 2 works from: the ALTERs on_schema_change needs and the strategy's input. */
export function prepareIncrementalApply(
  dialect: SqlDialect,
  facts: IncrementalApplyFacts,
): { schemaSql: string[]; strategyInput: StrategyInput } {
  const { config } = facts;
  const uniqueKey = resolveUniqueKey(normalizeUniqueKey(config.unique_key), facts.sourceColumns, facts.model);
  const mode = onSchemaChangeOf(config);
  const change = planSchemaChange(dialect, facts.target, mode, facts.sourceColumns, facts.targetColumns);
  return {
    schemaSql: change.sql,
    strategyInput: {
      target: facts.target,
      temp: facts.temp,
      uniqueKey,
      destColumns: change.destColumns,
      predicates: predicatesOf(config),
      mergeUpdateColumns: config.merge_update_columns,
      mergeExcludeColumns: config.merge_exclude_columns,
    },
  };
}

/** Step 2 as run: the ALTERs and the DML in one transaction, then the scratch table dropped (always). */
function applyPlan(dialect: SqlDialect, temp: Relation, sql: string[]): Plan {
  return [
    { label: 'apply', sql, transactional: true },
    { label: 'drop new rows', sql: [dropRelationSql(dialect, { ...temp, type: 'table' })], always: true },
  ];
}

/** Step 2 with a built-in strategy. */
export function planIncrementalApply(
  dialect: SqlDialect,
  facts: IncrementalApplyFacts,
  planner: StrategyPlanner,
): Plan {
  const { schemaSql, strategyInput } = prepareIncrementalApply(dialect, facts);
  return applyPlan(dialect, facts.temp, [
    ...schemaSql,
    ...planner(dialect, strategyInput),
    ...grantSql(dialect, facts.target, facts.config),
  ]);
}

export const incremental: Materialization = async (input) => {
  const { adapter, config } = input;
  const namer = tempNamerOf(input);
  const strategy = resolveStrategy(adapter, config, input);
  await adapter.createSchema(input.relation.schema);

  if (!isIncrementalRun(config, input.existing, input.fullRefresh)) {
    const facts = await fetchSwapFacts(adapter, input.relation, input.existing, namer);
    const plan = withHooks(input, planTable(adapter, facts, input.sql, input.config));
    const run = await runPlan(adapter, plan);
    const rows = builtRows(plan, run);
    return { status: 'success', message: `SELECT ${rows}`, rowsAffected: rows, executed: run.executed };
  }

  const target = { ...input.relation, type: 'table' as const };
  const temp = { ...namer(input.relation, '__dbt_tmp'), type: 'table' as const };
  const found = await adapter.getRelation(temp.schema, temp.identifier);
  const stale = found ? { ...temp, type: found.type } : null;
  const pre = withHooks({ preHooks: input.preHooks }, planIncrementalTemp(adapter, temp, stale, input.sql));
  const run = await runPlan(adapter, pre);

  let apply: Plan;
  try {
    const sourceColumns = await adapter.getColumns(temp);
    const targetColumns = input.existingColumns.length
      ? input.existingColumns
      : await adapter.getColumns(target);
    const facts = { target, temp, config, model: input.name, sourceColumns, targetColumns };
    input.logger?.debug(`${input.name}: incremental run with ${strategy.name}`, {
      newColumns: sourceColumns.length,
      targetColumns: targetColumns.length,
    });
    if (strategy.kind === 'builtin') {
      apply = planIncrementalApply(adapter, facts, strategy.planner);
    } else {
      const { schemaSql, strategyInput } = prepareIncrementalApply(adapter, facts);
      const keys = normalizeUniqueKey(config.unique_key);
      const sql = await strategy.render({
        target_relation: target,
        temp_relation: temp,
        unique_key: keys.length ? keys : null,
        dest_columns: strategyInput.destColumns,
        incremental_predicates: strategyInput.predicates.length ? strategyInput.predicates : null,
      });
      apply = applyPlan(adapter, temp, [...schemaSql, sql, ...grantSql(adapter, target, config)]);
    }
  } catch (e) {
    await adapter.execute(dropRelationSql(adapter, temp)).catch(() => undefined);
    throw e;
  }
  await runPlan(adapter, withHooks({ postHooks: input.postHooks }, apply), run);
  const rows = run.rowsAffected.apply ?? 0;
  return {
    status: 'success',
    message: `${strategy.name === 'merge' && adapter.capabilities.supportsMerge ? 'MERGE' : 'INSERT'} ${rows}`,
    rowsAffected: rows,
    executed: run.executed,
  };
};
