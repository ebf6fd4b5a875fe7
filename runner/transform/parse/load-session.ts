import path from 'node:path';
import { loadProject } from '../project/load-project';
import { loadPackages } from '../project/load-packages';
import { loadProfile } from '../project/load-profile';
import { createTemplatePort } from '../context/create-template-port';
import { kwargsOf, positionalOf } from '../context/call-args';
import { ConfigError } from '../../common/errors';
import type { TemplatePort } from '../context/template-port';
import { parseProject } from './parse-project';
import { BUILTIN_MACRO_DIR } from '../templating/builtin-macros';
import type { ProjectSession, SessionOptions } from './project-session';

/** Load dbt_project.yml, packages and profiles.yml, then parse everything into a manifest. */
export function loadSession(opts: SessionOptions): ProjectSession {
  const engine = createTemplatePort(opts.logger);
  const cliVars = opts.vars ?? {};
  const yamlRender = yamlRenderer(engine, cliVars, opts.env);
  const root = loadProject(opts.projectDir, yamlRender);
  const packages = loadPackages(root, yamlRender);
  const profileName = root.profile ?? root.name;
  const { target, profilesFile } = loadProfile({
    profileName,
    projectDir: root.root,
    profilesDir: opts.profilesDir,
    target: opts.target,
    threads: opts.threads,
    env: opts.env,
    logger: opts.logger,
    render: yamlRender,
  });
  engine.setAdapterType(target.type);
  const flags = {
    ...root.flags,
    FULL_REFRESH: Boolean(opts.fullRefresh),
    WHICH: opts.which,
    STORE_FAILURES: false,
    WARN_ERROR: false,
    full_refresh: Boolean(opts.fullRefresh),
    which: opts.which,
  };
  const { manifest, renderEnv } = parseProject({
    root,
    packages,
    target,
    profileName,
    engine,
    cliVars,
    env: opts.env,
    logger: opts.logger,
    invocationId: opts.invocationId,
    runStartedAt: opts.runStartedAt,
    flags,
    fullRefresh: Boolean(opts.fullRefresh),
    builtinMacroDir: BUILTIN_MACRO_DIR,
  });
  return {
    root,
    packages,
    target,
    profileName,
    profilesFile,
    manifest,
    engine,
    renderEnv,
    logger: opts.logger,
    targetDir: path.resolve(root.root, root.targetPath),
    cliVars,
  };
}

/** Renders `{{ env_var(...) }}` and `{{ var(...) }}` in dbt_project.yml, packages.yml and profiles.yml values. */
function yamlRenderer(engine: TemplatePort, cliVars: Record<string, unknown>, env: NodeJS.ProcessEnv) {
  return (text: string, where: string): string => {
    const context = {
      env_var: (...args: unknown[]) => {
        const pos = positionalOf(args);
        const name = String(pos[0]);
        if (env[name] !== undefined) return env[name];
        if (pos.length > 1) return pos[1];
        throw new ConfigError(`Env var required but not provided: '${name}'`, { where });
      },
      var: (...args: unknown[]) => {
        const pos = positionalOf(args);
        const name = String(pos[0] ?? kwargsOf(args).name);
        if (name in cliVars) return cliVars[name];
        if (pos.length > 1) return pos[1];
        throw new ConfigError(`Required var '${name}' not found (only --vars are available here)`, { where });
      },
    };
    return engine.render(text, context, { file: where, packageName: 'dbt' });
  };
}
