import fs from 'node:fs';
import yaml from 'js-yaml';
import { ConfigError } from '../../common/errors';

/** Read and parse one YAML file; a syntax error names the file, line and column. */
export function readYamlFile(file: string): unknown {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (e) {
    throw new ConfigError(`cannot read ${file}`, { where: file, cause: e });
  }
  return parseYaml(text, file);
}

export function parseYaml(text: string, file: string): unknown {
  try {
    return yaml.load(text) ?? {};
  } catch (e) {
    const err = e as { mark?: { line: number; column: number }; reason?: string; message: string };
    const where = err.mark ? `${file}:${err.mark.line + 1}:${err.mark.column + 1}` : file;
    throw new ConfigError(`invalid YAML: ${err.reason ?? err.message}`, { where, cause: e });
  }
}

export function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
