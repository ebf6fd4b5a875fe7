/**
 * Checks records against their stream's json_schema. A record that violates it is kept as it is; each
 * problem becomes an `_airbyte_meta.changes` entry and the record counts as rejected.
 */
import Ajv, { type ValidateFunction } from 'ajv';
import type { AirbyteRecordChange } from '../../cdk/protocol';

export type RecordChecker = (data: Record<string, unknown>) => AirbyteRecordChange[] | undefined;

/** Compiled validators by schema text: a pipeline's embedded destination sees the same streams every run. */
const compiled = new Map<string, ValidateFunction | null>();

function compile(jsonSchema: Record<string, unknown>): ValidateFunction | null {
  const schema = jsonSchema && typeof jsonSchema === 'object' ? jsonSchema : {};
  const key = JSON.stringify(schema);
  let validate = compiled.get(key);
  if (validate === undefined) {
    const ajv = new Ajv({ strict: false, allErrors: true, validateFormats: false, logger: false });
    try {
      validate = ajv.compile(schema);
    } catch (_e) {
      validate = null;
    }
    if (compiled.size > 500) compiled.clear();
    compiled.set(key, validate);
  }
  return validate;
}

export function createRecordChecker(jsonSchema: Record<string, unknown>): RecordChecker {
  const validate = compile(jsonSchema);
  // A schema ajv cannot compile cannot reject anything; records still land untouched.
  if (!validate) return () => undefined;
  return (data) => {
    if (validate(data)) return undefined;
    const seen = new Set<string>();
    const changes: AirbyteRecordChange[] = [];
    for (const err of validate.errors ?? []) {
      let field = err.instancePath.replace(/^\//, '').split('/').join('.');
      if (err.keyword === 'required') {
        const missing = (err.params as { missingProperty?: string }).missingProperty ?? '';
        field = field ? `${field}.${missing}` : missing;
      }
      const key = `${field}|${err.keyword}`;
      if (seen.has(key)) continue;
      seen.add(key);
      changes.push({ field: field || '$', change: 'NULLED', reason: 'DESTINATION_TYPECAST_ERROR' });
    }
    return changes;
  };
}
