/**
 * The typed table's columns, derived from a stream's json_schema: one column per top-level property.
 * Scalars get a SQL type; objects, arrays and anything ambiguous are stored as JSON.
 */
import { normalizeIdentifier } from './table-names';

export type ColumnKind = 'string' | 'integer' | 'number' | 'boolean' | 'json';

export interface TypedColumn {
  /** The column name in the typed table. */
  name: string;
  /** The property name in the record's data. */
  property: string;
  kind: ColumnKind;
}

/** Column names the destination reserves for its metadata. */
export const META_COLUMNS = [
  '_airbyte_raw_id',
  '_airbyte_extracted_at',
  '_airbyte_meta',
  '_airbyte_generation_id',
];

function kindOf(schema: unknown): ColumnKind {
  if (!schema || typeof schema !== 'object') return 'json';
  const s = schema as Record<string, unknown>;
  let types: string[] = [];
  if (typeof s.type === 'string') types = [s.type];
  else if (Array.isArray(s.type)) types = s.type.filter((t): t is string => typeof t === 'string');
  else if (Array.isArray(s.anyOf) || Array.isArray(s.oneOf)) {
    const options = (s.anyOf ?? s.oneOf) as unknown[];
    const nonNull = options.filter(
      (o) => !(o && typeof o === 'object' && (o as Record<string, unknown>).type === 'null'),
    );
    const kinds = new Set(nonNull.map((o) => kindOf(o)));
    return kinds.size === 1 ? [...kinds][0] : 'json';
  }
  const nonNull = types.filter((t) => t !== 'null');
  if (nonNull.length !== 1) {
    if (nonNull.length === 2 && nonNull.includes('integer') && nonNull.includes('number')) return 'number';
    return 'json';
  }
  switch (nonNull[0]) {
    case 'string':
      return 'string';
    case 'integer':
      return 'integer';
    case 'number':
      return 'number';
    case 'boolean':
      return 'boolean';
    default:
      return 'json';
  }
}

export function typedColumns(jsonSchema: Record<string, unknown>): TypedColumn[] {
  const props = (jsonSchema?.properties ?? {}) as Record<string, unknown>;
  const used = new Set<string>(META_COLUMNS);
  const out: TypedColumn[] = [];
  for (const [property, schema] of Object.entries(props)) {
    let name = normalizeIdentifier(property);
    while (used.has(name)) name = `${name}_`;
    used.add(name);
    out.push({ name, property, kind: kindOf(schema) });
  }
  return out;
}
