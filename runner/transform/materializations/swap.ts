import type { Adapter, Relation } from '../adapters/adapter';
import type { Plan, SqlDialect } from './plan';
import { dropRelationSql, renameRelationSql } from './relation-sql';
import type { TempNamer } from './temp-name';

/** The facts a build-and-swap needs: the target, what exists now, and the scratch names (and leftovers). */
export interface SwapFacts {
  target: Relation;
  existing: Relation | null;
  intermediate: Relation;
  backup: Relation;
  /** Scratch relations left by an interrupted run, dropped first. */
  stale: Relation[];
}

/**
 * In one transaction: build the new relation under a scratch name, rename the old one aside and the new one
 * into place. The old one is dropped only after the commit. A failing build rolls back and leaves the old
 * relation whole.
 */
export function planSwap(
  dialect: SqlDialect,
  facts: SwapFacts,
  build: string[],
  newType: 'table' | 'view',
  /** Statements on the relation once it has its final name (grants), in the same transaction. */
  after: string[] = [],
): Plan {
  const plan: Plan = [];
  if (facts.stale.length)
    plan.push({ label: 'drop leftovers', sql: facts.stale.map((r) => dropRelationSql(dialect, r)) });
  const intermediate = { ...facts.intermediate, type: newType };
  const swap: string[] = [];
  if (facts.existing) swap.push(renameRelationSql(dialect, facts.existing, facts.backup.identifier));
  swap.push(renameRelationSql(dialect, intermediate, facts.target.identifier));
  plan.push({
    label: build.length ? 'build and swap' : 'swap',
    sql: [...build, ...swap, ...after],
    transactional: true,
  });
  if (facts.existing)
    plan.push({
      label: 'drop backup',
      sql: [dropRelationSql(dialect, { ...facts.backup, type: facts.existing.type })],
    });
  return plan;
}

/** Look up the scratch names and any leftovers of an earlier run. */
export async function fetchSwapFacts(
  adapter: Pick<Adapter, 'getRelation'>,
  target: Relation,
  existing: Relation | null,
  tempName: TempNamer,
): Promise<SwapFacts> {
  const intermediate = tempName(target, '__dbt_tmp');
  const backup = tempName(target, '__dbt_backup');
  const stale: Relation[] = [];
  for (const r of [intermediate, backup]) {
    const found = await adapter.getRelation(r.schema, r.identifier);
    if (found) stale.push({ ...r, type: found.type });
  }
  return { target, existing, intermediate, backup, stale };
}
