import type { ColumnType, JsonObject } from './schema-model';
import { resolveItems, type ResolvedProperty } from './resolve-property';

/** Parse an `x-db-type` value such as `decimal(12,2)[]` or `varchar(12)`. */
export function parseDbType(text: string): ColumnType {
  if (text.endsWith('[]')) return { kind: 'array', of: parseDbType(text.slice(0, -2)) };
  const m = /^(\w+)(?:\((\d+)(?:,(\d+))?\))?$/.exec(text);
  if (!m) throw new Error(`unknown x-db-type "${text}"`);
  const [, name, a, b] = m;
  switch (name) {
    case 'varchar':
      return { kind: 'varchar', length: Number(a) };
    case 'char':
      return { kind: 'char', length: Number(a) };
    case 'decimal':
      return { kind: 'decimal', precision: Number(a), scale: Number(b ?? 0) };
    case 'text':
    case 'integer':
    case 'bigint':
    case 'double':
    case 'boolean':
    case 'date':
    case 'timestamptz':
    case 'uuid':
    case 'json':
      return { kind: name };
    default:
      throw new Error(`unknown x-db-type "${text}"`);
  }
}

/**
 * The storage type of a property: `x-db-type` when given, otherwise from the JSON type (string with a
 * format or maxLength, integer → bigint, number → double, arrays of scalars → arrays, objects → json).
 */
export function columnTypeOf(root: JsonObject, prop: ResolvedProperty): ColumnType {
  const s = prop.schema;
  if (typeof s['x-db-type'] === 'string') return parseDbType(s['x-db-type']);
  if (prop.types.length !== 1) {
    throw new Error(
      `needs exactly one non-null type or an x-db-type (has ${prop.types.join(', ') || 'none'})`,
    );
  }
  switch (prop.types[0]) {
    case 'string':
      if (s.format === 'date-time') return { kind: 'timestamptz' };
      if (s.format === 'date') return { kind: 'date' };
      if (s.format === 'uuid') return { kind: 'uuid' };
      if (typeof s.maxLength === 'number') return { kind: 'varchar', length: s.maxLength };
      return { kind: 'text' };
    case 'integer':
      return { kind: 'bigint' };
    case 'number':
      return { kind: 'double' };
    case 'boolean':
      return { kind: 'boolean' };
    case 'object':
      return { kind: 'json' };
    case 'array': {
      const items = resolveItems(root, s);
      if (!items || items.types.includes('object') || items.types.includes('array')) return { kind: 'json' };
      return { kind: 'array', of: columnTypeOf(root, { ...items, nullable: false }) };
    }
    default:
      throw new Error(`unsupported JSON type "${prop.types[0]}"`);
  }
}

/** PostgreSQL spelling of a column type. */
export function postgresType(t: ColumnType): string {
  switch (t.kind) {
    case 'varchar':
      return `varchar(${t.length})`;
    case 'char':
      return `char(${t.length})`;
    case 'decimal':
      return `numeric(${t.precision},${t.scale})`;
    case 'double':
      return 'double precision';
    case 'json':
      return 'jsonb';
    case 'array':
      return `${postgresType(t.of)}[]`;
    default:
      return t.kind;
  }
}

/** DuckDB spelling of a column type. */
export function duckdbType(t: ColumnType): string {
  switch (t.kind) {
    case 'text':
    case 'varchar':
    case 'char':
      return 'varchar';
    case 'decimal':
      return `decimal(${t.precision},${t.scale})`;
    case 'timestamptz':
      return 'timestamp with time zone';
    case 'array':
      return `${duckdbType(t.of)}[]`;
    default:
      return t.kind;
  }
}

/** Two types that a foreign key may join (same family; lengths may differ). */
export function joinable(a: ColumnType, b: ColumnType): boolean {
  const family = (t: ColumnType) =>
    t.kind === 'varchar' || t.kind === 'char' || t.kind === 'text'
      ? 'string'
      : t.kind === 'integer' || t.kind === 'bigint'
        ? 'int'
        : t.kind;
  return family(a) === family(b);
}
