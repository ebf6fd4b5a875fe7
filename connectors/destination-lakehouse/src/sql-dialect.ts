/** What differs between the engines' SQL; each backend file implements it. */
import type { ColumnKind } from './typed-columns';

export interface SqlDialect {
  quote(identifier: string): string;
  table(schema: string, table: string): string;
  columnType(kind: ColumnKind): string;
  jsonType: string;
  /** A text expression for a nested path inside a JSON column. */
  jsonPathText(columnExpr: string, path: string[]): string;
  /** Change a column's type to text, converting its values. */
  alterToText(table: string, column: string): string;
  /** One comparable, hashable text key built from several values (NULL-safe). */
  nullSafeKey(exprs: string[]): string;
}

/** Where a commit's new raw rows are, and the names of their parts. */
export interface BatchSource {
  /** A table (or subquery) with the batch's rows. */
  from: string;
  where?: string;
  data: string;
  rawId: string;
  extractedAt: string;
  meta: string;
  /** Arrival order within the batch. */
  seq: string;
  /** The `_airbyte_meta` text of a record without changes: other rows take the strict typing path. */
  emptyMeta?: string;
}

/** The FROM clause and SELECT items that extract typed columns from a batch of raw rows. */
export interface TypedSelect {
  from: string;
  items: string[];
}

export function quoteDouble(identifier: string): string {
  return `"${identifier.replace(/"/g, '""')}"`;
}

export function stringLiteral(value: string): string {
  return `'${value.replace(/'/g, "''")}'`;
}
