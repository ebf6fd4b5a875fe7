import type { Column, Relation } from '../../adapters/adapter';
import type { SqlDialect } from '../plan';

/** What every incremental strategy plans from: the target, the scratch table of new rows, and the columns. */
export interface StrategyInput {
  target: Relation;
  temp: Relation;
  /** Key columns (actual names) or SQL expressions; empty means no unique_key. */
  uniqueKey: string[];
  /** The columns written, in order (after on_schema_change). */
  destColumns: Column[];
  /** Extra conditions on the target (dbt's `incremental_predicates`). */
  predicates: string[];
  mergeUpdateColumns?: string[];
  mergeExcludeColumns?: string[];
}

/** A pure planner: the DML statements (run together in one transaction). */
export type StrategyPlanner = (dialect: SqlDialect, input: StrategyInput) => string[];

export const SOURCE_ALIAS = 'DBT_INTERNAL_SOURCE';
export const DEST_ALIAS = 'DBT_INTERNAL_DEST';

/** A key that is a plain column name (else it is an SQL expression used as written). */
export function isPlainIdentifier(key: string): boolean {
  return /^[A-Za-z_][A-Za-z0-9_$]*$/.test(key) || /^"([^"]|"")+"$/.test(key);
}

/** `alias."key"` for a column key; a key expression cannot be qualified and is returned as is. */
export function qualifiedKey(dialect: SqlDialect, alias: string, key: string): string {
  if (!isPlainIdentifier(key)) return `(${key})`;
  const name = key.startsWith('"') ? key.slice(1, -1).replace(/""/g, '"') : key;
  return `${alias}.${dialect.quote(name)}`;
}

/**
 * Null-safe match of the source row to the target row on every key:
 * `SRC."k" IS NOT DISTINCT FROM DEST."k" AND ...`.
 */
export function keyMatch(
  dialect: SqlDialect,
  keys: string[],
  sourceAlias = SOURCE_ALIAS,
  destAlias = DEST_ALIAS,
): string {
  return keys
    .map(
      (k) =>
        `${qualifiedKey(dialect, sourceAlias, k)} IS NOT DISTINCT FROM ${qualifiedKey(dialect, destAlias, k)}`,
    )
    .join('\n    AND ');
}

/** The target's names a predicate may use: quoted or bare, with or without the database. */
function targetNames(dialect: SqlDialect, target: Relation): string[] {
  const bare = [target.schema, target.identifier];
  const names = [dialect.render(target), dialect.render({ ...target, database: undefined }), bare.join('.')];
  if (target.database) names.push([target.database, ...bare].join('.'));
  return [...new Set(names)].sort((a, b) => b.length - a.length);
}

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * The incremental predicates, ANDed. The target is aliased DBT_INTERNAL_DEST, so a predicate may name its
 * columns bare, through the alias, or through the target's name (rewritten to the alias).
 */
export function predicateSql(dialect: SqlDialect, input: StrategyInput, indent = ''): string {
  const pattern = new RegExp(
    `(${targetNames(dialect, input.target).map(escapeRegExp).join('|')})(?=\\.)`,
    'g',
  );
  return input.predicates.map((p) => `\n${indent}AND (${p.replace(pattern, DEST_ALIAS)})`).join('');
}

export function insertFromTemp(dialect: SqlDialect, input: StrategyInput): string {
  const cols = input.destColumns.map((c) => dialect.quote(c.name)).join(', ');
  return `INSERT INTO ${dialect.render(input.target)} (${cols})\nSELECT ${cols}\nFROM ${dialect.render(input.temp)}`;
}
