/**
 * The build to deliver: the Learn marts in the lakehouse, read as (key, row hash) pairs for change
 * detection and as full rows only for the keys that changed.
 */
import { PRIMARY_KEYS, TABLE_CREATION_ORDER, type EntityName } from '../../shared-schema';
import type { LakehouseConnection, Row } from '../lakehouse/lakehouse-connection';
import { DeliveryError } from './delivery-error';

/** Separates the parts of a composite key in a key string. */
export const KEY_SEPARATOR = '\u001f';

/** Columns that only record when a row was written; they do not make a row different. */
export const BOOKKEEPING_COLUMNS = new Set(['created_on', 'updated_on']);

export interface MartTable {
  name: EntityName;
  /** The lakehouse columns, in table order. */
  columns: string[];
  /** The lakehouse type of each column (information_schema data_type). */
  columnTypes: string[];
  primaryKey: readonly string[];
}

export interface KeyHash {
  hash: string;
  /** learning_resource: its etl_source (the mass-delete guard counts per source). */
  part: string | null;
  /** learning_resource: whether it is published. */
  published?: boolean;
}

function rel(conn: LakehouseConnection, schema: string, table: string): string {
  return `${conn.quote(schema)}.${conn.quote(table)}`;
}

/** The shared-schema tables present in the marts schema, in dependency order (lookups first). */
export async function listMartTables(conn: LakehouseConnection, schema: string): Promise<MartTable[]> {
  const rows = await conn.query(
    'SELECT table_name, column_name, data_type FROM information_schema.columns WHERE table_schema = $1 ' +
      'ORDER BY table_name, ordinal_position',
    [schema],
  );
  const byTable = new Map<string, string[]>();
  const typesOf = new Map<string, string[]>();
  for (const r of rows) {
    const t = String(r.table_name);
    if (!byTable.has(t)) byTable.set(t, []);
    if (!typesOf.has(t)) typesOf.set(t, []);
    byTable.get(t)!.push(String(r.column_name));
    typesOf.get(t)!.push(String(r.data_type).toUpperCase());
  }
  const out: MartTable[] = [];
  for (const name of TABLE_CREATION_ORDER) {
    const columns = byTable.get(name);
    if (!columns) continue;
    const primaryKey = PRIMARY_KEYS[name];
    const missing = primaryKey.filter((k) => !columns.includes(k));
    if (missing.length)
      throw new DeliveryError(`the mart lacks its primary key column(s) ${missing.join(', ')}`, {
        where: `${schema}.${name}`,
        hint: 'rebuild the marts with `learnflow transform build` so they match shared-schema',
      });
    out.push({ name, columns, columnTypes: typesOf.get(name)!, primaryKey });
  }
  return out;
}

/** SQL for the key string of a row of alias `t`. */
export function keyExpression(conn: LakehouseConnection, pk: readonly string[]): string {
  const parts = pk.map((k) => `CAST(t.${conn.quote(k)} AS VARCHAR)`);
  return parts.length === 1 ? parts[0]! : `concat_ws(chr(31), ${parts.join(', ')})`;
}

function hashExpression(conn: LakehouseConnection, columns: string[]): string {
  const cols = columns.filter((c) => !BOOKKEEPING_COLUMNS.has(c));
  if (conn.engine === 'duckdb')
    return `md5(CAST(to_json(struct_pack(${cols.map((c) => `${conn.quote(c)} := t.${conn.quote(c)}`).join(', ')})) AS VARCHAR))`;
  return `md5(CAST(json_build_array(${cols.map((c) => `t.${conn.quote(c)}`).join(', ')}) AS text))`;
}

/** Every key of the build with the hash of its row. */
export async function readKeyHashes(
  conn: LakehouseConnection,
  schema: string,
  table: MartTable,
): Promise<Map<string, KeyHash>> {
  const isResource = table.name === 'learning_resource';
  const extra =
    isResource && table.columns.includes('etl_source')
      ? `, CAST(t.${conn.quote('etl_source')} AS VARCHAR) AS part`
      : ', NULL AS part';
  const published =
    isResource && table.columns.includes('published') ? `, t.${conn.quote('published')} AS published` : '';
  // One string for the whole table (records split by chr(28), fields by chr(29)): far faster to move
  // out of the engine than one JS object per row.
  const pub = published ? `CASE WHEN published THEN '1' ELSE '0' END` : `''`;
  const rows = await conn.query(
    `SELECT string_agg(k || chr(29) || h || chr(29) || COALESCE(part, '') || chr(29) || ${pub}, chr(28)) AS packed ` +
      `FROM (SELECT ${keyExpression(conn, table.primaryKey)} AS k, ${hashExpression(conn, table.columns)} AS h${extra}${published} ` +
      `FROM ${rel(conn, schema, table.name)} t) x`,
  );
  const packed = rows[0]?.packed;
  const out = new Map<string, KeyHash>();
  if (typeof packed !== 'string' || !packed.length) return out;
  for (const record of packed.split('\u001c')) {
    const [key, hash, part, pubFlag] = record.split('\u001d') as [string, string, string, string];
    if (out.has(key))
      throw new DeliveryError(`duplicate primary key ${key.split(KEY_SEPARATOR).join(', ')}`, {
        where: `${schema}.${table.name}`,
        hint: 'fix the model so its primary key is unique (`learnflow transform test` checks it)',
      });
    const entry: KeyHash = { hash, part: isResource && part !== '' ? part : null };
    if (published) entry.published = pubFlag === '1';
    out.set(key, entry);
  }
  return out;
}

/** Full rows (with their key string in `__key`), all of them or only those with the given keys. */
export async function readRows(
  conn: LakehouseConnection,
  schema: string,
  table: MartTable,
  keys: string[] | 'all',
): Promise<Row[]> {
  if (keys !== 'all' && keys.length === 0) return [];
  const k = keyExpression(conn, table.primaryKey);
  const cols = table.columns.map((c) => `t.${conn.quote(c)}`).join(', ');
  let where = '';
  const params: unknown[] = [];
  if (keys !== 'all') {
    params.push(JSON.stringify(keys));
    where =
      conn.engine === 'duckdb'
        ? ` WHERE ${k} IN (SELECT unnest(CAST(CAST($1 AS JSON) AS VARCHAR[])))`
        : ` WHERE ${k} IN (SELECT jsonb_array_elements_text(CAST($1 AS jsonb)))`;
  }
  return conn.query(`SELECT ${k} AS __key, ${cols} FROM ${rel(conn, schema, table.name)} t${where}`, params);
}

/** DuckDB SQL rendering one column of alias `t` as the text PostgreSQL parses into `pgType`, or NULL. */
function duckdbPgText(conn: LakehouseConnection, column: string, duckType: string, pgType: string): string {
  const c = `t.${conn.quote(column)}`;
  if (pgType === 'jsonb' || pgType === 'json')
    return duckType === 'JSON' || duckType.startsWith('VARCHAR')
      ? `CAST(${c} AS VARCHAR)`
      : `CAST(to_json(${c}) AS VARCHAR)`;
  if (pgType.endsWith('[]') && duckType.endsWith('[]'))
    return (
      `'{' || array_to_string(list_transform(${c}, x -> CASE WHEN x IS NULL THEN 'NULL' ELSE '"' || ` +
      `replace(replace(CAST(x AS VARCHAR), '\\', '\\\\'), '"', '\\"') || '"' END), ',') || '}'`
    );
  if (duckType === 'TIMESTAMP' || duckType.startsWith('TIMESTAMP_')) return `CAST(${c} AS VARCHAR) || '+00'`;
  return `CAST(${c} AS VARCHAR)`;
}

/** Can the DuckDB lakehouse render this table's rows as COPY CSV itself (every column a known kind)? */
export function canRenderCsv(
  conn: LakehouseConnection,
  table: MartTable,
  columns: string[],
  pgTypes: string[],
): boolean {
  if (conn.engine !== 'duckdb') return false;
  return columns.every((col, i) => {
    const duck = table.columnTypes[table.columns.indexOf(col)] ?? '';
    const pg = pgTypes[i] ?? '';
    if (pg === 'json' || pg === 'jsonb') return true;
    if (/^(STRUCT|MAP|UNION|BLOB)/.test(duck)) return false;
    return !duck.endsWith('[]') || pg.endsWith('[]');
  });
}

/**
 * The rows as PostgreSQL COPY CSV text rendered inside DuckDB (one string, lines separated by newlines),
 * all of them or only the given keys: far cheaper than one JS object per row for a full load.
 */
export async function readCsv(
  conn: LakehouseConnection,
  schema: string,
  table: MartTable,
  columns: string[],
  pgTypes: string[],
  keys: string[] | 'all',
): Promise<{ csv: string; rows: number }> {
  const fields = columns.map((col, i) => {
    const v = duckdbPgText(conn, col, table.columnTypes[table.columns.indexOf(col)]!, pgTypes[i]!);
    return `CASE WHEN t.${conn.quote(col)} IS NULL THEN '' ELSE '"' || replace(${v}, '"', '""') || '"' END`;
  });
  const k = keyExpression(conn, table.primaryKey);
  const params: unknown[] = [];
  let where = '';
  if (keys !== 'all') {
    params.push(JSON.stringify(keys));
    where = ` WHERE ${k} IN (SELECT unnest(CAST(CAST($1 AS JSON) AS VARCHAR[])))`;
  }
  const rows = await conn.query(
    `SELECT string_agg(line, chr(10)) AS csv, count(*) AS n FROM (SELECT ${fields.join(" || ',' || ")} AS line ` +
      `FROM ${rel(conn, schema, table.name)} t${where}) x`,
    params,
  );
  const n = Number(rows[0]?.n ?? 0);
  return { csv: n ? String(rows[0]!.csv) + '\n' : '', rows: n };
}
