import fs from 'node:fs';
import { ConfigError } from '../common/errors';
import { createValidatorRegistry } from '../../shared-schema/lib/validator-registry';
import type { RecordViolation } from '../../shared-schema/lib/record-violation';
import type { SchemaSet } from './schema-model';

export interface RecordReport {
  /** 1-based record number in the file. */
  record: number;
  violations: RecordViolation[];
}

/** Parse a `.json` file (one record or an array) or a JSON Lines file into records. */
export function readRecords(file: string): unknown[] {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (e) {
    throw new ConfigError(`cannot read ${file}`, { where: file, cause: e });
  }
  const trimmed = text.trim();
  if (trimmed.startsWith('[')) {
    try {
      return JSON.parse(trimmed) as unknown[];
    } catch (e) {
      throw new ConfigError(`not valid JSON: ${(e as Error).message}`, { where: file });
    }
  }
  const out: unknown[] = [];
  trimmed.split('\n').forEach((line, i) => {
    if (!line.trim()) return;
    try {
      out.push(JSON.parse(line));
    } catch (e) {
      throw new ConfigError(`not valid JSON: ${(e as Error).message}`, { where: `${file}:${i + 1}` });
    }
  });
  return out;
}

/** Validate records against one entity of the schema set; every failing record with every failing field. */
export function validateRecords(set: SchemaSet, entity: string, records: unknown[]): RecordReport[] {
  const e = set.entity(entity);
  if (!e)
    throw new ConfigError(`unknown entity "${entity}"`, {
      hint: `known: ${set.entities.map((x) => x.name).join(', ')}`,
    });
  const registry = createValidatorRegistry({ [entity]: e.schema });
  const out: RecordReport[] = [];
  records.forEach((r, i) => {
    const violations = registry.validate(entity, r);
    if (violations.length) out.push({ record: i + 1, violations });
  });
  return out;
}
