/**
 * The manifest: everything parse learns about a project, serialisable as dbt's manifest v12 so tools
 * that read dbt artifacts read ours. Compile and execution consume only this (plus the adapter).
 */
import type { NodeConfig } from '../materializations/materialization';

export type ResourceType = 'model' | 'seed' | 'snapshot' | 'test' | 'analysis' | 'operation';

export interface ColumnInfo {
  name: string;
  description: string;
  data_type: string | null;
  meta: Record<string, unknown>;
  tags: string[];
  constraints: unknown[];
  quote: boolean | null;
}

export interface RefCall {
  name: string;
  package: string | null;
  version: string | number | null;
}

export interface ManifestNode {
  unique_id: string;
  resource_type: ResourceType;
  name: string;
  package_name: string;
  /** Path relative to the resource folder (e.g. `staging/stg_orders.sql`). */
  path: string;
  /** Path relative to the package root (e.g. `models/staging/stg_orders.sql`). */
  original_file_path: string;
  fqn: string[];
  database: string | null;
  schema: string;
  alias: string;
  raw_code: string;
  language: 'sql';
  config: NodeConfig;
  tags: string[];
  description: string;
  meta: Record<string, unknown>;
  columns: Record<string, ColumnInfo>;
  depends_on: { nodes: string[]; macros: string[] };
  refs: RefCall[];
  sources: [string, string][];
  checksum: { name: string; checksum: string };
  relation_name: string | null;
  patch_path: string | null;
  compiled_path: string | null;
  contract: { enforced: boolean; alias_types: boolean; checksum: string | null };
  /** Generic tests: the macro and its arguments. */
  test_metadata?: { name: string; kwargs: Record<string, unknown>; namespace: string | null };
  column_name?: string | null;
  attached_node?: string | null;
  /** Seeds: the absolute CSV path is rebuilt from the package root; this is the package-relative one. */
  root_path?: string;
}

export interface FreshnessThreshold {
  warn_after: { count: number | null; period: string | null };
  error_after: { count: number | null; period: string | null };
  filter: string | null;
}

export interface SourceDefinition {
  unique_id: string;
  resource_type: 'source';
  name: string;
  source_name: string;
  package_name: string;
  path: string;
  original_file_path: string;
  fqn: string[];
  database: string | null;
  schema: string;
  identifier: string;
  loader: string;
  loaded_at_field: string | null;
  freshness: FreshnessThreshold | null;
  description: string;
  source_description: string;
  columns: Record<string, ColumnInfo>;
  meta: Record<string, unknown>;
  tags: string[];
  config: { enabled: boolean; [k: string]: unknown };
  relation_name: string;
}

export interface MacroEntry {
  unique_id: string;
  name: string;
  package_name: string;
  path: string;
  original_file_path: string;
  macro_sql: string;
  resource_type: 'macro';
  depends_on: { macros: string[] };
  description: string;
}

export interface DocEntry {
  unique_id: string;
  name: string;
  package_name: string;
  path: string;
  original_file_path: string;
  block_contents: string;
  resource_type: 'doc';
}

export interface Manifest {
  metadata: {
    dbt_schema_version: string;
    dbt_version: string;
    generated_at: string;
    invocation_id: string;
    env: Record<string, string>;
    project_name: string;
    project_id: string;
    adapter_type: string;
    user_id: null;
    send_anonymous_usage_stats: false;
  };
  nodes: Record<string, ManifestNode>;
  sources: Record<string, SourceDefinition>;
  macros: Record<string, MacroEntry>;
  docs: Record<string, DocEntry>;
  exposures: Record<string, unknown>;
  metrics: Record<string, unknown>;
  groups: Record<string, unknown>;
  selectors: Record<string, unknown>;
  disabled: Record<string, ManifestNode[]>;
  parent_map: Record<string, string[]>;
  child_map: Record<string, string[]>;
  group_map: Record<string, string[]>;
  saved_queries: Record<string, unknown>;
  semantic_models: Record<string, unknown>;
  unit_tests: Record<string, unknown>;
}

export const MANIFEST_SCHEMA = 'https://schemas.getdbt.com/dbt/manifest/v12.json';
export const RUN_RESULTS_SCHEMA = 'https://schemas.getdbt.com/dbt/run-results/v6.json';
export const SOURCES_SCHEMA = 'https://schemas.getdbt.com/dbt/sources/v3.json';
export const CATALOG_SCHEMA = 'https://schemas.getdbt.com/dbt/catalog/v1.json';
/** The dbt version whose behaviour and artifacts we match. */
export const DBT_VERSION = '1.10.0';
