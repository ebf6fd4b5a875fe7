/**
 * A table's content fingerprint: row count plus an order-independent hash of every row's values,
 * leaving out the `_airbyte_*` bookkeeping columns (a re-synced, unchanged record keeps its fingerprint
 * even though its extraction time moved). `null` when the table does not exist.
 */
import type { LakehouseConnection } from '../lakehouse/lakehouse-connection';

export async function tableColumns(
  conn: LakehouseConnection,
  schema: string,
  table: string,
): Promise<string[]> {
  const rows = await conn.query(
    'SELECT column_name FROM information_schema.columns WHERE table_schema = $1 AND table_name = $2 ORDER BY ordinal_position',
    [schema, table],
  );
  return rows.map((r) => String(r.column_name));
}

export async function tableFingerprint(
  conn: LakehouseConnection,
  schema: string,
  table: string,
): Promise<string | null> {
  const columns = (await tableColumns(conn, schema, table)).filter((c) => !c.startsWith('_airbyte_'));
  if (!columns.length) return null;
  const rel = `${conn.quote(schema)}.${conn.quote(table)}`;
  const cols = columns.map((c) => conn.quote(c)).join(', ');
  const sql =
    conn.engine === 'duckdb'
      ? `SELECT count(*) AS n, CAST(COALESCE(bit_xor(hash(${cols})), 0) AS VARCHAR) AS h, ` +
        `CAST(COALESCE(sum(hash(${cols}) % 1000003), 0) AS VARCHAR) AS s FROM ${rel}`
      : `SELECT count(*) AS n, md5(COALESCE(string_agg(h, '' ORDER BY h), '')) AS h, '' AS s ` +
        `FROM (SELECT md5(CAST(ROW(${cols}) AS TEXT)) AS h FROM ${rel}) x`;
  const [row] = await conn.query(sql);
  return `${String(row?.n ?? 0)}:${String(row?.h ?? '')}:${String(row?.s ?? '')}`;
}
