/**
 * Materializations: one function per `materialized` value, each a pure planner (facts → SQL, see plan.ts
 * and the goldens) plus a small executor over the Adapter interface. The engine calls
 * `materializations[config.materialized](input)`; `ephemeral` is not here (the engine inlines it as a CTE).
 */
import { incremental } from './incremental';
import type { Materialization } from './materialization';
import { seed } from './seed';
import { snapshot } from './snapshot';
import { table } from './table';
import { view } from './view';

export const materializations: Record<string, Materialization> = { view, table, incremental, snapshot, seed };

export type * from './materialization';
export { MaterializationError } from './materialization-error';
export { isIncrementalRun, resolveStrategy, planIncrementalApply, planIncrementalTemp } from './incremental';
export { planView } from './view';
export { planTable } from './table';
export { planSwap, fetchSwapFacts } from './swap';
export { planSchemaChange, diffSchemas } from './on-schema-change';
export { planSnapshot, planSnapshotStaging, planSnapshotApply } from './snapshot';
export { planSeed, inferSeedColumns, parseSeedCsv } from './seed';
export { renderPlan, type Plan, type PlanStep, type SqlDialect } from './plan';
export { runPlan } from './run-plan';
export { defaultTempName, type TempNamer } from './temp-name';
export { columnsInQuery } from './columns-in-query';
export { incrementalStrategies } from './strategies';
