import type { Materialization } from './materialization';
import type { Plan, SqlDialect } from './plan';
import { createTableAsSql } from './relation-sql';
import { fetchSwapFacts, planSwap, type SwapFacts } from './swap';
import { withHooks } from './with-hooks';
import { tempNamerOf } from './temp-namer-of';
import { builtRows, runPlan } from './run-plan';

/** Plan a table: `CREATE TABLE AS` under a scratch name, swap it in (replacing a table or a view). */
export function planTable(dialect: SqlDialect, facts: SwapFacts, sql: string): Plan {
  return planSwap(dialect, facts, [createTableAsSql(dialect, facts.intermediate, sql)], 'table');
}

export const table: Materialization = async (input) => {
  const { adapter } = input;
  await adapter.createSchema(input.relation.schema);
  const facts = await fetchSwapFacts(adapter, input.relation, input.existing, tempNamerOf(input));
  const plan = withHooks(input, planTable(adapter, facts, input.sql));
  const run = await runPlan(adapter, plan);
  const rows = builtRows(plan, run);
  return { status: 'success', message: `SELECT ${rows}`, rowsAffected: rows, executed: run.executed };
};
