import type { Relation } from './adapter';

/** Quote an identifier with double quotes (the SQL standard, used by DuckDB and PostgreSQL). */
export function quoteIdentifier(identifier: string): string {
  return `"${identifier.replace(/"/g, '""')}"`;
}

/** A single-quoted SQL string literal. */
export function sqlString(value: string): string {
  return `'${value.replace(/'/g, "''")}'`;
}

/** `"database"."schema"."identifier"`, the database part only when the relation names one. */
export function renderRelation(relation: Relation, quote: (id: string) => string = quoteIdentifier): string {
  const parts = relation.database
    ? [relation.database, relation.schema, relation.identifier]
    : [relation.schema, relation.identifier];
  return parts.map(quote).join('.');
}
