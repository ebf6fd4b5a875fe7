import { createHash } from 'node:crypto';

/** A double-quoted SQL identifier. */
export function ident(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

/** A single-quoted SQL string literal. */
export function literal(value: string): string {
  return `'${value.replace(/'/g, "''")}'`;
}

/**
 * A constraint or index name within PostgreSQL's 63-byte limit: `<table>_<columns>_<suffix>`, shortened
 * with a stable hash when too long so two long names never collide after truncation.
 */
export function constraintName(table: string, columns: string[], suffix: string): string {
  const full = [table, ...columns, suffix].join('_');
  if (full.length <= 63) return full;
  const hash = createHash('sha1').update(full).digest('hex').slice(0, 8);
  return `${full.slice(0, 63 - suffix.length - 10)}_${hash}_${suffix}`;
}
