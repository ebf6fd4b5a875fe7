/** A loaded dbt project (root or package), before its files are parsed. */
export interface ProjectFiles {
  name: string;
  /** Absolute directory of the project. */
  root: string;
  version: string;
  profile: string | undefined;
  modelPaths: string[];
  seedPaths: string[];
  testPaths: string[];
  analysisPaths: string[];
  macroPaths: string[];
  snapshotPaths: string[];
  docsPaths: string[];
  targetPath: string;
  cleanTargets: string[];
  packagesInstallPath: string;
  /** `vars:` as written: global values and per-package scopes. */
  vars: Record<string, unknown>;
  onRunStart: string[];
  onRunEnd: string[];
  dispatch: { macro_namespace: string; search_order: string[] }[];
  flags: Record<string, unknown>;
  quoting: Record<string, unknown>;
  /** Config trees keyed by resource type (`models`, `seeds`, `snapshots`, `data_tests`, `sources`). */
  configTrees: Record<string, Record<string, unknown>>;
  /** The dbt_project.yml path, for error messages. */
  file: string;
}
