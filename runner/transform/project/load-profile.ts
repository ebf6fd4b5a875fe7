import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ConfigError, UsageError } from '../../common/errors';
import type { Logger } from '../../common/logger';
import type { AdapterType, TargetConfig } from '../adapters/adapter';
import { isRecord, readYamlFile } from './read-yaml-file';
import { didYouMean } from './suggest-name';
import type { ValueRenderer } from './load-project';

export interface ProfileOptions {
  profileName: string;
  projectDir: string;
  profilesDir?: string;
  target?: string;
  threads?: number;
  env: NodeJS.ProcessEnv;
  logger: Logger;
  render: ValueRenderer;
}

const ADAPTERS: AdapterType[] = ['duckdb', 'postgres'];
const SECRET_FIELDS = ['password', 'pass', 'token', 'private_key', 'private_key_passphrase', 'secret'];

/** The directories searched for profiles.yml, in dbt's order. */
export function profileSearchDirs(
  opts: Pick<ProfileOptions, 'profilesDir' | 'projectDir' | 'env'>,
): string[] {
  if (opts.profilesDir) return [path.resolve(opts.profilesDir)];
  if (opts.env.DBT_PROFILES_DIR) return [path.resolve(opts.env.DBT_PROFILES_DIR)];
  return [path.resolve(opts.projectDir), path.join(os.homedir(), '.dbt')];
}

/** Find profiles.yml, pick the profile and target, render env_var, and register every secret with the logger. */
export function loadProfile(opts: ProfileOptions): { target: TargetConfig; profilesFile: string } {
  const dirs = profileSearchDirs(opts);
  const file = dirs.map((d) => path.join(d, 'profiles.yml')).find((f) => fs.existsSync(f));
  if (!file) {
    throw new ConfigError(`no profiles.yml found (looked in ${dirs.join(', ')})`, {
      hint: 'pass --profiles-dir, set DBT_PROFILES_DIR, or put profiles.yml next to dbt_project.yml',
    });
  }
  const raw = readYamlFile(file);
  if (!isRecord(raw)) throw new ConfigError('profiles.yml must be a mapping', { where: file });
  const profile = raw[opts.profileName];
  if (!isRecord(profile)) {
    const names = Object.keys(raw).filter((k) => k !== 'config');
    throw new ConfigError(`profile '${opts.profileName}' not found${didYouMean(opts.profileName, names)}`, {
      where: file,
      hint: `profiles in this file: ${names.join(', ') || '(none)'}`,
    });
  }
  const outputs = profile.outputs;
  if (!isRecord(outputs))
    throw new ConfigError('the profile has no outputs', { where: `${file}: ${opts.profileName}.outputs` });
  const targetName =
    opts.target ??
    (typeof profile.target === 'string'
      ? opts.render(profile.target, `${file}: ${opts.profileName}.target`)
      : 'dev');
  const out = outputs[targetName];
  if (!isRecord(out)) {
    throw new UsageError(
      `target '${targetName}' not found in profile '${opts.profileName}'${didYouMean(targetName, Object.keys(outputs))}`,
      {
        where: file,
        hint: `targets: ${Object.keys(outputs).join(', ')}`,
      },
    );
  }
  const where = `${file}: ${opts.profileName}.outputs.${targetName}`;
  const fields: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(out)) {
    const value =
      typeof v === 'string' && (v.includes('{{') || v.includes('{%')) ? opts.render(v, `${where}.${k}`) : v;
    fields[k] = value;
    if (SECRET_FIELDS.includes(k) && value !== undefined && value !== null)
      opts.logger.addSecret(String(value));
  }
  for (const [k, v] of Object.entries(opts.env)) {
    if (k.startsWith('DBT_ENV_SECRET') && v) opts.logger.addSecret(v);
  }
  const type = fields.type;
  if (typeof type !== 'string' || !ADAPTERS.includes(type as AdapterType)) {
    throw new ConfigError(`unsupported adapter type '${String(type)}'${didYouMean(String(type), ADAPTERS)}`, {
      where: `${where}.type`,
      hint: `supported: ${ADAPTERS.join(', ')}`,
    });
  }
  const num = (k: string): number | undefined => {
    const v = fields[k];
    if (v === undefined || v === null || v === '') return undefined;
    const n = Number(v);
    if (!Number.isFinite(n)) throw new ConfigError(`'${k}' must be a number`, { where: `${where}.${k}` });
    return n;
  };
  const target: TargetConfig = {
    ...fields,
    name: targetName,
    type: type as AdapterType,
    schema: String(fields.schema ?? (type === 'duckdb' ? 'main' : 'public')),
    threads: opts.threads ?? num('threads') ?? 1,
  };
  if (type === 'duckdb') {
    const p = String(fields.path ?? ':memory:');
    target.path = p === ':memory:' || path.isAbsolute(p) ? p : path.resolve(opts.projectDir, p);
    target.database = String(
      fields.database ?? (p === ':memory:' ? 'memory' : path.basename(p).replace(/\.[^.]*$/, '')),
    );
  } else {
    target.port = num('port') ?? 5432;
    target.password = (fields.password ?? fields.pass) as string | undefined;
    target.dbname = String(fields.dbname ?? fields.database ?? '');
    target.database = target.dbname;
    if (!target.dbname) throw new ConfigError("'dbname' is required", { where: `${where}.dbname` });
  }
  return { target, profilesFile: file };
}

/** The target as templates and artifacts may see it: every secret field removed. */
export function publicTarget(target: TargetConfig, profileName: string): Record<string, unknown> {
  const out: Record<string, unknown> = { profile_name: profileName };
  for (const [k, v] of Object.entries(target)) if (!SECRET_FIELDS.includes(k)) out[k] = v;
  return out;
}
