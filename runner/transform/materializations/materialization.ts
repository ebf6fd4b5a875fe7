import type { Logger } from '../../common/logger';
import type { Adapter, Column, Relation } from '../adapters/adapter';

/** The resolved config of one node, after dbt_project.yml, properties YAML and `config()` merged. */
export interface NodeConfig {
  materialized: string;
  schema?: string;
  alias?: string;
  tags?: string[];
  enabled?: boolean;
  unique_key?: string | string[] | null;
  incremental_strategy?: string;
  incremental_predicates?: string[];
  on_schema_change?: 'ignore' | 'fail' | 'append_new_columns' | 'sync_all_columns';
  merge_update_columns?: string[];
  merge_exclude_columns?: string[];
  full_refresh?: boolean | null;
  pre_hook?: string[];
  post_hook?: string[];
  /** snapshots */
  strategy?: 'timestamp' | 'check';
  updated_at?: string;
  check_cols?: 'all' | string[];
  hard_deletes?: 'ignore' | 'invalidate' | 'new_record';
  /** seeds */
  column_types?: Record<string, string>;
  delimiter?: string;
  contract?: { enforced?: boolean };
  [k: string]: unknown;
}

/** Everything a materialization needs, fetched before it runs (fetch facts, then plan). */
export interface MaterializationInput {
  uniqueId: string;
  name: string;
  config: NodeConfig;
  /** The compiled SELECT of the model (ephemeral CTEs already injected). */
  sql: string;
  /** Where the result goes. */
  relation: Relation;
  /** The relation as it exists now, or null. */
  existing: Relation | null;
  existingColumns: Column[];
  fullRefresh: boolean;
  adapter: Adapter;
  /** Names scratch relations (`<name>__dbt_tmp`, `<name>__dbt_backup` by default); tests inject fixed names. */
  tempName?: (relation: Relation, suffix: string) => Relation;
  logger?: Logger;
  /** Rendered pre-hook / post-hook SQL: pre-hooks run before the build, post-hooks after the swap. */
  preHooks?: string[];
  postHooks?: string[];
  /** Seeds: the CSV file; `csv` is its text when the engine has already read it. */
  seed?: { path: string; csv?: string };
  /** The project's name, for dbt's wording of a missing strategy macro. */
  projectName?: string;
  /**
   * Custom incremental strategies: the engine returns a project macro `get_incremental_<name>_sql` rendered
   * with dbt's argument dict, or undefined when the project has none.
   */
  strategyMacro?: (macroName: string) => ((args: IncrementalStrategyArgs) => Promise<string>) | undefined;
}

/** The argument dict dbt passes to `get_incremental_<strategy>_sql`. */
export interface IncrementalStrategyArgs {
  target_relation: Relation;
  temp_relation: Relation;
  unique_key: string[] | null;
  dest_columns: Column[];
  incremental_predicates: string[] | null;
}

export interface MaterializationResult {
  status: 'success';
  /** e.g. `SELECT 42`, `INSERT 3`, `CREATE VIEW` (what dbt prints per model). */
  message: string;
  rowsAffected?: number;
  /** Every statement executed, in order, for target/run and debugging. */
  executed: string[];
}

/** One materialization: view, table, incremental, snapshot, seed... One file each. */
export type Materialization = (input: MaterializationInput) => Promise<MaterializationResult>;
