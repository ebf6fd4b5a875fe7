import type { Logger } from '../../common/logger';
import type { TargetConfig } from '../adapters/adapter';
import type { ProjectFiles } from '../project/project-types';
import type { TemplatePort } from '../context/template-port';
import type { RenderEnvironment } from '../context/dbt-context';
import type { Manifest } from './manifest-types';

/** Everything one invocation knows after parse: the project, the target, the manifest and the renderer. */
export interface ProjectSession {
  root: ProjectFiles;
  packages: ProjectFiles[];
  target: TargetConfig;
  profileName: string;
  profilesFile: string;
  manifest: Manifest;
  engine: TemplatePort;
  renderEnv: RenderEnvironment;
  logger: Logger;
  /** Absolute target folder (`target/`). */
  targetDir: string;
  cliVars: Record<string, unknown>;
}

export interface SessionOptions {
  projectDir: string;
  profilesDir?: string;
  target?: string;
  vars?: Record<string, unknown>;
  threads?: number;
  fullRefresh?: boolean;
  env: NodeJS.ProcessEnv;
  logger: Logger;
  /** The command, for `flags.WHICH`. */
  which: string;
  invocationId: string;
  runStartedAt: Date;
}
