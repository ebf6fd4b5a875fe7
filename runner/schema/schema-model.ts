/** The loaded, checked form of the shared schema that every generator reads. */

export type JsonObject = { [key: string]: unknown };

export type EntityKind = 'table' | 'view' | 'document';

/** A storage type, independent of the SQL dialect that spells it. */
export type ColumnType =
  | { kind: 'text' }
  | { kind: 'varchar'; length: number }
  | { kind: 'char'; length: number }
  | { kind: 'integer' }
  | { kind: 'bigint' }
  | { kind: 'double' }
  | { kind: 'decimal'; precision: number; scale: number }
  | { kind: 'boolean' }
  | { kind: 'date' }
  | { kind: 'timestamptz' }
  | { kind: 'uuid' }
  | { kind: 'json' }
  | { kind: 'array'; of: ColumnType };

export interface Column {
  name: string;
  type: ColumnType;
  /** The value may be null (the JSON type allows null). */
  nullable: boolean;
  /** The record must carry the field. */
  required: boolean;
  identity: boolean;
  /** Maintained by the app database (timestamps): in the DDL and types, not in the transform contracts. */
  appManaged: boolean;
  /** A literal JSON default (`default`). */
  default?: unknown;
  /** A SQL expression default (`x-db-default`). */
  dbDefault?: string;
  /** The property schema, with a local $ref and a nullable anyOf resolved. */
  schema: JsonObject;
  /** JSON pointer of the property in its file. */
  pointer: string;
}

export interface ForeignKey {
  columns: string[];
  references: { entity: string; columns: string[] };
  onDelete?: 'cascade' | 'set null' | 'restrict' | 'no action';
}

export interface IndexDef {
  name?: string;
  columns?: string[];
  expression?: string;
  unique?: boolean;
}

export interface CheckDef {
  name: string;
  expression: string;
}

export type PathStep =
  { follow: string } | { from: string; by: string; where?: Record<string, string | number | boolean> };

export interface ColumnSource {
  column?: string;
  columns?: string[];
  coalesce?: string[];
  path?: PathStep[];
  aggregate?: {
    separator: string;
    fieldSeparator?: string;
    distinct?: boolean;
    orderBy?: { step: number; column: string }[];
  };
}

export interface SearchIndexDef {
  name: string;
  resourceType: string;
  contentFiles?: 'children' | 'nested';
}

export interface SearchConfig {
  contentFiles?: string;
  join?: { field: string; parent: string; child: string };
  indexes: SearchIndexDef[];
  dynamic?: 'strict' | 'true' | 'false';
  settings: JsonObject;
}

export interface Entity {
  name: string;
  kind: EntityKind;
  title: string;
  description: string;
  /** Path relative to the schema directory, e.g. `schemas/platform.schema.json`. */
  file: string;
  /** The schema document as written. */
  schema: JsonObject;
  columns: Column[];
  primaryKey: string[];
  unique: string[][];
  foreignKeys: ForeignKey[];
  indexes: IndexDef[];
  checks: CheckDef[];
  djangoModel?: string;
  view?: { base: string };
  search?: SearchConfig;
}

export interface SchemaSet {
  /** The directory that holds schema.json and schemas/. */
  dir: string;
  name: string;
  description: string;
  version: string;
  /** In the order schema.json lists them. */
  entities: Entity[];
  entity(name: string): Entity | undefined;
}

export function isTable(e: Entity): boolean {
  return e.kind === 'table';
}
