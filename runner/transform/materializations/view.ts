import type { Materialization } from './materialization';
import type { Plan, SqlDialect } from './plan';
import { createViewSql } from './relation-sql';
import { fetchSwapFacts, planSwap, type SwapFacts } from './swap';
import { withHooks } from './with-hooks';
import { tempNamerOf } from './temp-namer-of';
import { runPlan } from './run-plan';

/** Plan a view: create it under a scratch name, swap it in (replacing a table or a view). */
export function planView(dialect: SqlDialect, facts: SwapFacts, sql: string): Plan {
  return planSwap(dialect, facts, [createViewSql(dialect, facts.intermediate, sql)], 'view');
}

export const view: Materialization = async (input) => {
  const { adapter } = input;
  await adapter.createSchema(input.relation.schema);
  const facts = await fetchSwapFacts(adapter, input.relation, input.existing, tempNamerOf(input));
  const run = await runPlan(adapter, withHooks(input, planView(adapter, facts, input.sql)));
  return { status: 'success', message: 'CREATE VIEW', executed: run.executed };
};
