import { quoteIdentifier } from '../adapters/quote';
import type { Relation } from '../adapters/adapter';
import { kwargsOf } from './call-args';

interface Parts {
  database: string | null;
  schema: string;
  identifier: string;
  type?: string | null;
  /** Render only the identifier (an ephemeral CTE name). */
  cte?: boolean;
  include?: { database: boolean; schema: boolean; identifier: boolean };
}

const ALL = { database: true, schema: true, identifier: true };

/**
 * A relation as templates see it (dbt's `api.Relation`): fields, `render()`, `include()`, `incorporate()`,
 * and printing as its quoted name. A class, so a render that creates thousands of them allocates no closures.
 */
export class RelationValue {
  readonly database: string | null;
  readonly schema: string;
  readonly identifier: string;
  readonly type: string | null;
  readonly is_cte: boolean;
  private readonly parts: Parts;

  constructor(parts: Parts) {
    this.parts = parts;
    this.database = parts.database;
    this.schema = parts.schema;
    this.identifier = parts.identifier;
    this.type = parts.type ?? null;
    this.is_cte = Boolean(parts.cte);
  }

  get name(): string {
    return this.identifier;
  }

  get table(): string {
    return this.identifier;
  }

  get is_table(): boolean {
    return this.type === 'table';
  }

  get is_view(): boolean {
    return this.type === 'view';
  }

  render(): string {
    const p = this.parts;
    if (p.cte) return p.identifier;
    const include = p.include ?? ALL;
    const out: string[] = [];
    if (include.database && p.database) out.push(quoteIdentifier(p.database));
    if (include.schema && p.schema) out.push(quoteIdentifier(p.schema));
    if (include.identifier) out.push(quoteIdentifier(p.identifier));
    return out.join('.');
  }

  include(...args: unknown[]): RelationValue {
    const kw = kwargsOf(args);
    const include = this.parts.include ?? ALL;
    const flag = (k: 'database' | 'schema' | 'identifier') =>
      kw[k] === undefined ? include[k] : Boolean(kw[k]);
    return new RelationValue({
      ...this.parts,
      include: { database: flag('database'), schema: flag('schema'), identifier: flag('identifier') },
    });
  }

  incorporate(...args: unknown[]): RelationValue {
    const kw = kwargsOf(args);
    const p = (kw.path ?? {}) as Partial<Parts>;
    return new RelationValue({
      ...this.parts,
      database: (p.database as string | undefined) ?? this.parts.database,
      schema: p.schema ?? this.parts.schema,
      identifier: p.identifier ?? this.parts.identifier,
      type: (kw.type as string | undefined) ?? this.parts.type,
    });
  }

  quote(): RelationValue {
    return this;
  }

  toString(): string {
    return this.render();
  }

  __str__(): string {
    return this.render();
  }

  toRelation(): Relation {
    const p = this.parts;
    return {
      database: p.database ?? undefined,
      schema: p.schema,
      identifier: p.identifier,
      type: p.type === 'table' || p.type === 'view' ? p.type : undefined,
    };
  }
}

export function relationValue(parts: Parts): RelationValue {
  return new RelationValue(parts);
}

export function isRelationValue(v: unknown): v is RelationValue {
  return v instanceof RelationValue;
}
