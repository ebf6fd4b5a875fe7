import { types as pgTypes } from 'pg';
import type { CustomTypesConfig } from 'pg';
import { toJsNumber, utcTimestamp } from './js-values';

const INT8 = 20;
const NUMERIC = 1700;
const DATE = 1082;
const TIMESTAMP = 1114;
const INTERVAL = 1186;

/**
 * Row values as JavaScript, the same shapes the DuckDB adapter returns: bigint and numeric are numbers when
 * exactly representable (else their decimal string), `date` is a `YYYY-MM-DD` string, `interval` its text, `timestamp` is a `Date`
 * read as UTC, `timestamptz` a `Date`. Set per pool, never globally.
 */
export const postgresTypes: CustomTypesConfig = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') => {
    if (format === undefined || format === 'text') {
      if (oid === INT8 || oid === NUMERIC) return (v: string) => toJsNumber(v);
      if (oid === DATE || oid === INTERVAL) return (v: string) => v;
      if (oid === TIMESTAMP) return (v: string) => utcTimestamp(v);
    }
    return pgTypes.getTypeParser(oid, format ?? 'text');
  }) as CustomTypesConfig['getTypeParser'],
};

const NAMES: Record<number, string> = {
  16: 'boolean',
  17: 'bytea',
  18: 'char',
  19: 'name',
  20: 'bigint',
  21: 'smallint',
  23: 'integer',
  25: 'text',
  26: 'oid',
  114: 'json',
  700: 'real',
  701: 'double precision',
  1042: 'character',
  1043: 'character varying',
  1082: 'date',
  1083: 'time without time zone',
  1114: 'timestamp without time zone',
  1184: 'timestamp with time zone',
  1186: 'interval',
  1700: 'numeric',
  2950: 'uuid',
  3802: 'jsonb',
};

/** A result field's type name from its OID (the common ones; others as `oid:<n>`). */
export function postgresTypeName(oid: number): string {
  return NAMES[oid] ?? `oid:${oid}`;
}

/** The full type of an information_schema.columns row, e.g. `character varying(20)`, `numeric(10,2)`. */
export function formatPostgresColumnType(row: Record<string, unknown>): string {
  const dataType = String(row.data_type);
  if (dataType === 'USER-DEFINED') return String(row.udt_name);
  if (dataType === 'ARRAY') return `${String(row.udt_name).replace(/^_/, '')}[]`;
  if ((dataType === 'character varying' || dataType === 'character') && row.character_maximum_length != null)
    return `${dataType}(${String(row.character_maximum_length)})`;
  if (dataType === 'numeric' && row.numeric_precision != null)
    return `numeric(${String(row.numeric_precision)},${String(row.numeric_scale ?? 0)})`;
  return dataType;
}
