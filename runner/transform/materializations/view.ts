import type { Materialization, NodeConfig } from './materialization';
import { grantSql } from './table-extras';
import type { Plan, SqlDialect } from './plan';
import { createViewSql } from './relation-sql';
import { fetchSwapFacts, planSwap, type SwapFacts } from './swap';
import { withHooks } from './with-hooks';
import { tempNamerOf } from './temp-namer-of';
import { runPlan } from './run-plan';

/** Plan a view: create it under a scratch name, swap it in (replacing a table or a view). */
export function planView(
  dialect: SqlDialect,
  facts: SwapFacts,
  sql: string,
  config: NodeConfig = { materialized: 'view' },
): Plan {
  return planSwap(
    dialect,
    facts,
    [createViewSql(dialect, facts.intermediate, sql)],
    'view',
    grantSql(dialect, facts.target, config),
  );
}

export const view: Materialization = async (input) => {
  const { adapter } = input;
  await adapter.createSchema(input.relation.schema);
  const facts = await fetchSwapFacts(adapter, input.relation, input.existing, tempNamerOf(input));
  const run = await runPlan(adapter, withHooks(input, planView(adapter, facts, input.sql, input.config)));
  return { status: 'success', message: 'CREATE VIEW', executed: run.executed };
};
