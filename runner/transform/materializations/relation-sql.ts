import type { Relation } from '../adapters/adapter';
import type { SqlDialect } from './plan';

/** `DROP VIEW|TABLE IF EXISTS`, with CASCADE where the engine needs it to drop depended-on relations. */
export function dropRelationSql(dialect: SqlDialect, relation: Relation): string {
  const kind = relation.type === 'view' ? 'VIEW' : 'TABLE';
  return `DROP ${kind} IF EXISTS ${dialect.render(relation)}${dialect.capabilities.dropCascade ? ' CASCADE' : ''}`;
}

/** `ALTER VIEW|TABLE <relation> RENAME TO <identifier>`. */
export function renameRelationSql(dialect: SqlDialect, relation: Relation, identifier: string): string {
  const kind = relation.type === 'view' ? 'VIEW' : 'TABLE';
  return `ALTER ${kind} ${dialect.render(relation)} RENAME TO ${dialect.quote(identifier)}`;
}

/** A model's SELECT without trailing semicolons or blank lines, safe to wrap in parentheses. */
export function cleanSelect(sql: string): string {
  return sql.replace(/[\s;]+$/, '').replace(/^\s*\n/, '');
}

export function createViewSql(dialect: SqlDialect, relation: Relation, sql: string): string {
  return `CREATE VIEW ${dialect.render(relation)} AS (\n${cleanSelect(sql)}\n)`;
}

export function createTableAsSql(dialect: SqlDialect, relation: Relation, sql: string): string {
  return `CREATE TABLE ${dialect.render(relation)} AS (\n${cleanSelect(sql)}\n)`;
}

/** Quoted, comma-separated column names. */
export function columnList(dialect: SqlDialect, names: string[]): string {
  return names.map((n) => dialect.quote(n)).join(', ');
}
