/** The typed shape of `learnflow.yml` (after `${ENV}` interpolation and validation). */

export type LakehouseSettings =
  | { engine: 'duckdb'; path?: string; raw_schema?: string; typed_schema?: string }
  | { engine: 'postgres'; url: string; raw_schema?: string; typed_schema?: string };

export interface ConnectorRef {
  /** A connector in connectors/registry.ts, e.g. `source-mitxonline`. */
  connector?: string;
  /** Or a command line to run instead (the protocol arguments are appended). */
  command?: string[];
  config?: Record<string, unknown>;
}

export interface StreamSettings {
  name: string;
  namespace?: string;
  sync_mode?: 'full_refresh' | 'incremental';
  destination_sync_mode?: string;
  cursor_field?: string[];
  primary_key?: string[][];
}

export interface ConnectionSettings {
  source: ConnectorRef;
  /** The streams to sync; all the source discovers when absent. */
  streams?: StreamSettings[];
  /** Defaults to destination-lakehouse writing to the `lakehouse` section. */
  destination?: ConnectorRef;
  /** The <source> segment of table names; defaults to the connection name. */
  source_name?: string;
}

export interface LearnflowConfig {
  version?: number;
  lakehouse?: LakehouseSettings;
  connections?: Record<string, ConnectionSettings>;
  /** Sections other steps add (transform, deliver, pipeline); validated by their own schemas. */
  [section: string]: unknown;
}

export interface LoadedConfig {
  config: LearnflowConfig;
  /** The file it came from (absolute). */
  file: string;
  /** Its folder: relative paths in the config resolve against it. */
  dir: string;
  /** Values that came from the environment or secret-named fields: never print them. */
  secrets: string[];
  /** `${VAR}` references to unset variables; a command fails only if it uses one (`requireEnv`). */
  missingEnv: { path: string; name: string }[];
}
