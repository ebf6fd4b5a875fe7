import type { Materialization, NodeConfig } from './materialization';
import { grantSql, indexSql } from './table-extras';
import type { Plan, SqlDialect } from './plan';
import { createTableAsSql } from './relation-sql';
import { fetchSwapFacts, planSwap, type SwapFacts } from './swap';
import { withHooks } from './with-hooks';
import { tempNamerOf } from './temp-namer-of';
import { builtRows, runPlan } from './run-plan';

/** Plan a table: `CREATE TABLE AS` under a scratch name, swap it in (replacing a table or a view). */
export function planTable(
  dialect: SqlDialect,
  facts: SwapFacts,
  sql: string,
  config: NodeConfig = { materialized: 'table' },
): Plan {
  const build = [
    createTableAsSql(dialect, facts.intermediate, sql),
    ...indexSql(dialect, facts.intermediate, config),
  ];
  return planSwap(dialect, facts, build, 'table', grantSql(dialect, facts.target, config));
}

export const table: Materialization = async (input) => {
  const { adapter } = input;
  await adapter.createSchema(input.relation.schema);
  const facts = await fetchSwapFacts(adapter, input.relation, input.existing, tempNamerOf(input));
  const plan = withHooks(input, planTable(adapter, facts, input.sql, input.config));
  const run = await runPlan(adapter, plan);
  const rows = builtRows(plan, run);
  return { status: 'success', message: `SELECT ${rows}`, rowsAffected: rows, executed: run.executed };
};
