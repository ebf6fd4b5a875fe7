import { quoteIdentifier } from '../adapters/quote';
import type { Relation } from '../adapters/adapter';
import { kwargsOf } from './call-args';

/** A relation as templates see it (dbt's `api.Relation`): fields, `render()`, and printing as its quoted name. */
export interface RelationValue {
  database: string | null;
  schema: string;
  identifier: string;
  name: string;
  table: string;
  type: string | null;
  is_table: boolean;
  is_view: boolean;
  is_cte: boolean;
  render(): string;
  include(...args: unknown[]): RelationValue;
  incorporate(...args: unknown[]): RelationValue;
  quote(...args: unknown[]): RelationValue;
  toString(): string;
  __str__(): string;
  toRelation(): Relation;
}

interface Parts {
  database: string | null;
  schema: string;
  identifier: string;
  type?: string | null;
  /** Render only the identifier (an ephemeral CTE name). */
  cte?: boolean;
  include?: { database: boolean; schema: boolean; identifier: boolean };
}

export function relationValue(parts: Parts): RelationValue {
  const include = parts.include ?? { database: true, schema: true, identifier: true };
  const render = (): string => {
    if (parts.cte) return parts.identifier;
    const out: string[] = [];
    if (include.database && parts.database) out.push(quoteIdentifier(parts.database));
    if (include.schema && parts.schema) out.push(quoteIdentifier(parts.schema));
    if (include.identifier) out.push(quoteIdentifier(parts.identifier));
    return out.join('.');
  };
  const value: RelationValue = {
    database: parts.database,
    schema: parts.schema,
    identifier: parts.identifier,
    name: parts.identifier,
    table: parts.identifier,
    type: parts.type ?? null,
    is_table: parts.type === 'table',
    is_view: parts.type === 'view',
    is_cte: Boolean(parts.cte),
    render,
    include: (...args) => {
      const kw = kwargsOf(args);
      const flag = (k: 'database' | 'schema' | 'identifier') => (kw[k] === undefined ? include[k] : Boolean(kw[k]));
      return relationValue({ ...parts, include: { database: flag('database'), schema: flag('schema'), identifier: flag('identifier') } });
    },
    incorporate: (...args) => {
      const kw = kwargsOf(args);
      const p = (kw.path ?? {}) as Partial<Parts>;
      return relationValue({
        ...parts,
        database: (p.database as string | undefined) ?? parts.database,
        schema: p.schema ?? parts.schema,
        identifier: p.identifier ?? parts.identifier,
        type: (kw.type as string | undefined) ?? parts.type,
      });
    },
    quote: () => value,
    toString: render,
    __str__: render,
    toRelation: () => ({
      database: parts.database ?? undefined,
      schema: parts.schema,
      identifier: parts.identifier,
      type: parts.type === 'table' || parts.type === 'view' ? parts.type : undefined,
    }),
  };
  return value;
}

export function isRelationValue(v: unknown): v is RelationValue {
  return typeof v === 'object' && v !== null && typeof (v as RelationValue).toRelation === 'function';
}
