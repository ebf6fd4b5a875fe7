import { planAppend } from './append';
import { planDeleteInsert } from './delete-insert';
import { planMerge } from './merge';
import type { StrategyPlanner } from './strategy';

/** The built-in incremental strategies, by dbt's names. */
export const incrementalStrategies: Record<string, StrategyPlanner> = {
  append: planAppend,
  'delete+insert': planDeleteInsert,
  merge: planMerge,
};

/** Strategies dbt knows; one the adapter does not list is "not valid for this adapter". */
export const BUILTIN_STRATEGIES = ['append', 'delete+insert', 'merge', 'insert_overwrite', 'microbatch'];

export type { StrategyInput, StrategyPlanner } from './strategy';
