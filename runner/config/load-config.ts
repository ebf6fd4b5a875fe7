/**
 * Load `learnflow.yml`: parse the YAML, replace `${ENV}` references, validate against the JSON Schema
 * and report every problem with the field it concerns.
 */
import fs from 'node:fs';
import path from 'node:path';
import yaml from 'js-yaml';
import Ajv, { type ErrorObject } from 'ajv';
import { closest } from 'fastest-levenshtein';
import { ConfigError } from '../common/errors';
import { configSectionNames, learnflowConfigSchema } from './config-schema';
import { interpolateEnv } from './interpolate-env';
import type { LearnflowConfig, LoadedConfig } from './learnflow-config';

export const CONFIG_FILE = 'learnflow.yml';
const SECRET_NAME = /(password|secret|token|api_key|apikey|credentials|private_key)/i;

function describe(err: ErrorObject): string {
  const at = err.instancePath ? err.instancePath.slice(1).split('/').join('.') : '(top level)';
  const params = err.params as Record<string, unknown>;
  if (err.keyword === 'additionalProperties') {
    const extra = String(params.additionalProperty);
    if (!err.instancePath) {
      const hint = closest(extra, configSectionNames());
      return `${at}: unknown section '${extra}' (did you mean '${hint}'?)`;
    }
    return `${at}: unknown field '${extra}'`;
  }
  if (err.keyword === 'enum')
    return `${at}: must be one of ${(params.allowedValues as unknown[]).join(', ')}`;
  if (err.keyword === 'anyOf' && err.instancePath.endsWith('source'))
    return `${at}: needs 'connector' (a registered connector) or 'command'`;
  return `${at}: ${err.message}`;
}

function collectSecretFields(v: unknown, out: string[]): void {
  if (Array.isArray(v)) v.forEach((x) => collectSecretFields(x, out));
  else if (v && typeof v === 'object')
    for (const [k, x] of Object.entries(v)) {
      if (SECRET_NAME.test(k) && typeof x === 'string') out.push(x);
      else collectSecretFields(x, out);
    }
}

/** Find learnflow.yml: the given path, or the working directory's. */
export function resolveConfigFile(cwd: string, explicit?: string): string {
  return path.resolve(cwd, explicit ?? CONFIG_FILE);
}

export function parseLearnflowConfig(text: string, file: string, env: NodeJS.ProcessEnv): LoadedConfig {
  let doc: unknown;
  try {
    doc = yaml.load(text, { filename: file });
  } catch (e) {
    throw new ConfigError(`not valid YAML: ${(e as Error).message}`, { where: file, cause: e });
  }
  if (doc === undefined || doc === null) doc = {};
  if (typeof doc !== 'object' || Array.isArray(doc))
    throw new ConfigError('the file must hold a mapping of sections', { where: file });
  const { value, secrets, missing } = interpolateEnv(doc as LearnflowConfig, env);
  const ajv = new Ajv({ allErrors: true, strict: false });
  const validate = ajv.compile(learnflowConfigSchema());
  if (!validate(value)) {
    const problems = [...new Set((validate.errors ?? []).filter((e) => e.keyword !== 'if').map(describe))];
    throw new ConfigError(`invalid configuration:\n  - ${problems.join('\n  - ')}`, {
      where: file,
      hint: 'fix the fields above; see the "Sync and the lakehouse" section of README.md',
    });
  }
  collectSecretFields(value, secrets);
  return {
    config: value,
    file,
    dir: path.dirname(file),
    secrets: [...new Set(secrets.filter((s) => s.length >= 3))],
    missingEnv: missing,
  };
}

export function loadLearnflowConfig(file: string, env: NodeJS.ProcessEnv = process.env): LoadedConfig {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (e) {
    throw new ConfigError(`cannot read the configuration: ${(e as NodeJS.ErrnoException).code ?? e}`, {
      where: file,
      hint: `create ${CONFIG_FILE} in the project folder or pass --config <file>`,
    });
  }
  return parseLearnflowConfig(text, file, env);
}
