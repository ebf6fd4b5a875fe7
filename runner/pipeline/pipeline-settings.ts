/**
 * The `transform:` and `pipeline:` sections of learnflow.yml, and how the pipeline reads them.
 *
 * ```yaml
 * transform:
 *   project_dir: transforms/learn   # default
 *   target: duckdb                  # a target of the project's profiles.yml (default: its own default)
 *   profiles_dir: transforms/learn  # default: the project folder
 *   threads: 4
 * pipeline:
 *   max_parallel_syncs: 4           # syncs side by side (default 4)
 *   destination: embedded           # or `process`: see below
 * ```
 *
 * `destination: embedded` (the default) runs the registered destination-lakehouse inside the pipeline
 * process, through the same runner and code as its child process would; every sync then shares the one
 * DuckDB instance of the lakehouse file, so syncs into DuckDB can run side by side. `process` starts the
 * destination as a child process per sync, as `learnflow sync` does; a DuckDB file takes one writing
 * process at a time, so syncs then run one by one there. Sources always run as child processes.
 */
import path from 'node:path';
import { registerConfigSection } from '../config/config-schema';
import type { LoadedConfig } from '../config/learnflow-config';
import { registerDeliverSection } from '../deliver/deliver-settings';

export interface TransformSettings {
  project_dir?: string;
  target?: string;
  profiles_dir?: string;
  threads?: number;
  vars?: Record<string, unknown>;
}

export interface PipelineSettings {
  max_parallel_syncs?: number;
  destination?: 'embedded' | 'process';
}

export const transformSectionSchema = {
  type: 'object',
  additionalProperties: false,
  properties: {
    project_dir: { type: 'string', minLength: 1 },
    target: { type: 'string', minLength: 1 },
    profiles_dir: { type: 'string', minLength: 1 },
    threads: { type: 'integer', minimum: 1 },
    vars: { type: 'object' },
  },
};

export const pipelineSectionSchema = {
  type: 'object',
  additionalProperties: false,
  properties: {
    max_parallel_syncs: { type: 'integer', minimum: 1, maximum: 64 },
    destination: { enum: ['embedded', 'process'] },
  },
};

/** Add `transform:` and `pipeline:` to the learnflow.yml schema (idempotent). */
export function registerPipelineSections(): void {
  registerConfigSection('transform', transformSectionSchema);
  registerConfigSection('pipeline', pipelineSectionSchema);
  registerDeliverSection();
}

export const DEFAULT_PROJECT_DIR = 'transforms/learn';

export function transformSettings(
  loaded: LoadedConfig,
): TransformSettings & { projectDir: string; profilesDir: string } {
  const s = (loaded.config.transform ?? {}) as TransformSettings;
  const projectDir = path.resolve(loaded.dir, s.project_dir ?? DEFAULT_PROJECT_DIR);
  return {
    ...s,
    projectDir,
    profilesDir: s.profiles_dir ? path.resolve(loaded.dir, s.profiles_dir) : projectDir,
  };
}

export function pipelineSettings(loaded: LoadedConfig): PipelineSettings {
  return (loaded.config.pipeline ?? {}) as PipelineSettings;
}

/**
 * How the syncs run: where the destination runs (default embedded), and how many syncs go side by side
 * (destination processes cannot share a DuckDB file: one at a time there).
 */
export function syncParallelism(loaded: LoadedConfig): {
  destinationMode: 'embedded' | 'process';
  limit: number;
} {
  const s = pipelineSettings(loaded);
  const destinationMode = s.destination ?? 'embedded';
  const duckdb = (loaded.config.lakehouse?.engine ?? 'duckdb') === 'duckdb';
  return {
    destinationMode,
    limit: duckdb && destinationMode === 'process' ? 1 : (s.max_parallel_syncs ?? 4),
  };
}
