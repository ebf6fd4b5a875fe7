import type { ErrorObject } from 'ajv';

/** One reason a record does not match its entity schema. */
export interface RecordViolation {
  /** JSON pointer into the record, e.g. `/runs/0/start_date`; `` for the record itself. */
  path: string;
  /** The schema keyword that failed: type, required, enum, maxLength, additionalProperties... */
  keyword: string;
  message: string;
}

function escapePointer(segment: string): string {
  return segment.replace(/~/g, '~0').replace(/\//g, '~1');
}

/**
 * ajv errors as violations, one per failing field. `required` and `additionalProperties` errors point at
 * the missing or unexpected field itself rather than at its parent object.
 */
export function toViolations(errors: ErrorObject[] | null | undefined): RecordViolation[] {
  const out: RecordViolation[] = [];
  const seen = new Set<string>();
  for (const e of errors ?? []) {
    let path = e.instancePath;
    let message = e.message ?? 'is invalid';
    if (e.keyword === 'required') {
      const field = String((e.params as { missingProperty: string }).missingProperty);
      path = `${path}/${escapePointer(field)}`;
      message = 'is required';
    } else if (e.keyword === 'additionalProperties') {
      const field = String((e.params as { additionalProperty: string }).additionalProperty);
      path = `${path}/${escapePointer(field)}`;
      message = 'is not a field of this entity';
    } else if (e.keyword === 'enum') {
      const allowed = (e.params as { allowedValues: unknown[] }).allowedValues;
      message = `must be one of ${allowed.map((v) => JSON.stringify(v)).join(', ')}`;
    }
    const id = `${path}\u0000${e.keyword}\u0000${message}`;
    if (seen.has(id)) continue;
    seen.add(id);
    out.push({ path, keyword: e.keyword, message });
  }
  return out;
}

/** `path: message` lines, one per violation. */
export function formatViolations(violations: RecordViolation[]): string {
  return violations.map((v) => `${v.path || '/'}: ${v.message}`).join('\n');
}
