import { randomUUID } from 'node:crypto';
import yaml from 'js-yaml';
import { UsageError } from '../../common/errors';
import { isRecord } from '../project/read-yaml-file';
import { loadSession } from '../parse/load-session';
import type { ProjectSession } from '../parse/project-session';
import { writeArtifact } from '../artifacts/write-artifact';
import type { TaskOptions } from './task-options';

/** Parse `--vars` (YAML or JSON mapping). */
export function parseCliVars(text: string | undefined): Record<string, unknown> {
  if (!text) return {};
  let v: unknown;
  try {
    v = yaml.load(text);
  } catch (e) {
    throw new UsageError(`--vars is not valid YAML: ${(e as Error).message}`);
  }
  if (v === null || v === undefined) return {};
  if (!isRecord(v)) throw new UsageError("--vars must be a mapping, e.g. --vars '{key: value}'");
  return v;
}

/** Load and parse the project, and write target/manifest.json. */
export function openSession(
  opts: TaskOptions,
  which: string,
  writeManifest = true,
): { session: ProjectSession; startedAt: Date; invocationId: string } {
  const startedAt = new Date();
  const invocationId = randomUUID();
  const session = loadSession({
    projectDir: opts.projectDir,
    profilesDir: opts.profilesDir,
    target: opts.target,
    vars: parseCliVars(opts.vars),
    threads: opts.threads,
    fullRefresh: opts.fullRefresh,
    env: opts.env,
    logger: opts.logger,
    which,
    invocationId,
    runStartedAt: startedAt,
  });
  if (writeManifest) writeArtifact(session.targetDir, 'manifest.json', session.manifest, opts.logger);
  return { session, startedAt, invocationId };
}
