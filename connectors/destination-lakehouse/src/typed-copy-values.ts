/**
 * Typed column values as PostgreSQL COPY text: a value whose JSON type does not match its column is NULL
 * (`\N`), the same rule the SQL path applies, so the typed table agrees with `_airbyte_meta.changes`.
 */
import type { ColumnKind, TypedColumn } from './typed-columns';

const NULL = '\\N';
// eslint-disable-next-line no-control-regex -- NUL is exactly what must be found
const SPECIAL = /[\\\n\r\t\u0000]/;

/** Escape text for COPY's text format; PostgreSQL text cannot hold NUL, which is dropped. */
export function copyText(s: string): string {
  if (!SPECIAL.test(s)) return s;
  // eslint-disable-next-line no-control-regex -- NUL is exactly what must be dropped
  return s.replace(/[\\\n\r\t\u0000]/g, (c) =>
    c === '\\' ? '\\\\' : c === '\n' ? '\\n' : c === '\r' ? '\\r' : c === '\t' ? '\\t' : '',
  );
}

export function copyValue(kind: ColumnKind, v: unknown): string {
  switch (kind) {
    case 'string':
      return typeof v === 'string' ? copyText(v) : NULL;
    case 'integer':
      return typeof v === 'number' && Number.isSafeInteger(v) ? String(v) : NULL;
    case 'number':
      return typeof v === 'number' && Number.isFinite(v) ? String(v) : NULL;
    case 'boolean':
      return typeof v === 'boolean' ? (v ? 't' : 'f') : NULL;
    default:
      return v === undefined || v === null ? NULL : copyText(JSON.stringify(v).replace(/\\u0000/g, ''));
  }
}

const fields: string[] = [];

/** The typed values as COPY fields, each followed by a tab; one flat string (it may be kept a while). */
export function typedCopyFields(columns: TypedColumn[], value: Record<string, unknown>): string {
  fields.length = columns.length + 1;
  for (let i = 0; i < columns.length; i++) fields[i] = copyValue(columns[i].kind, value[columns[i].property]);
  fields[columns.length] = '';
  return fields.join('\t');
}
