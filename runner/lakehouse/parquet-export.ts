/**
 * `learnflow lakehouse export`: the lakehouse's raw tables as Parquet, one folder per stream table
 * (`<out>/<table>/part-0.parquet`), readable by DuckDB, Trino or Spark. DuckDB lakehouses are copied with
 * DuckDB's COPY; PostgreSQL tables are streamed out as JSON lines and written by an in-memory DuckDB.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { DuckDBInstance } from '@duckdb/node-api';
import { Client } from 'pg';
import { to as copyTo } from 'pg-copy-streams';
import type { Logger } from '../common/logger';
import type { LakehouseSettings } from '../config/learnflow-config';
import { LakehouseError, quoteIdentifier, type LakehouseConnection } from './lakehouse-connection';

export type ExportLayer = 'typed' | 'raw';

export interface ExportOptions {
  outDir: string;
  /** typed: the per-stream tables (schema `raw`); raw: the Destinations V2 tables (`airbyte_internal`). */
  layer?: ExportLayer;
  /** Only these tables (names as in the schema). */
  tables?: string[];
  logger?: Logger;
}

export interface ExportedTable {
  schema: string;
  table: string;
  rows: number;
  file: string;
}

function sqlString(s: string): string {
  return `'${s.replace(/'/g, "''")}'`;
}

/** The stream tables of one layer: staging tables of unfinished refreshes and bookkeeping are left out. */
export async function listStreamTables(conn: LakehouseConnection, layer: ExportLayer): Promise<string[]> {
  const schema = layer === 'typed' ? conn.typedSchema : conn.rawSchema;
  const rows = await conn.query(
    "SELECT table_name FROM information_schema.tables WHERE table_schema = $1 AND table_type = 'BASE TABLE' ORDER BY table_name",
    [schema],
  );
  return rows
    .map((r) => String(r.table_name))
    .filter((t) => !t.endsWith('_airbyte_tmp') && !t.startsWith('_learnflow') && t.startsWith('raw_'));
}

function prepareFolder(outDir: string, table: string): string {
  const dir = path.join(outDir, table);
  fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(dir, { recursive: true });
  return path.join(dir, 'part-0.parquet');
}

const PG_TO_DUCKDB: Record<string, string> = {
  bigint: 'BIGINT',
  integer: 'INTEGER',
  smallint: 'SMALLINT',
  text: 'VARCHAR',
  'character varying': 'VARCHAR',
  'double precision': 'DOUBLE',
  real: 'FLOAT',
  numeric: 'DOUBLE',
  boolean: 'BOOLEAN',
  json: 'JSON',
  jsonb: 'JSON',
  uuid: 'UUID',
  'timestamp with time zone': 'TIMESTAMPTZ',
  'timestamp without time zone': 'TIMESTAMP',
  date: 'DATE',
};

export async function exportParquet(
  conn: LakehouseConnection,
  settings: LakehouseSettings,
  options: ExportOptions,
): Promise<ExportedTable[]> {
  const layer = options.layer ?? 'typed';
  const schema = layer === 'typed' ? conn.typedSchema : conn.rawSchema;
  const available = await listStreamTables(conn, layer);
  const tables = options.tables?.length ? options.tables : available;
  for (const t of tables)
    if (!available.includes(t))
      throw new LakehouseError(`no stream table '${t}' in schema ${schema}`, {
        where: conn.location,
        hint: `tables there: ${available.join(', ') || '(none)'}`,
      });
  fs.mkdirSync(options.outDir, { recursive: true });
  const out: ExportedTable[] = [];
  if (conn.engine === 'duckdb') {
    for (const table of tables) {
      const file = prepareFolder(options.outDir, table);
      const rel = `${quoteIdentifier(schema)}.${quoteIdentifier(table)}`;
      await conn.exec(`COPY (SELECT * FROM ${rel}) TO ${sqlString(file)} (FORMAT parquet, COMPRESSION zstd)`);
      const n = await conn.query(`SELECT COUNT(*) AS n FROM ${rel}`);
      out.push({ schema, table, rows: Number(n[0]?.n ?? 0), file });
      options.logger?.info(`exported ${schema}.${table} (${n[0]?.n} rows) to ${file}`);
    }
    return out;
  }
  if (settings.engine !== 'postgres') throw new LakehouseError('export: settings and connection disagree');
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'learnflow-export-'));
  const duck = await DuckDBInstance.create(':memory:');
  const dc = await duck.connect();
  const client = new Client({ connectionString: settings.url, application_name: 'learnflow-export' });
  try {
    await client.connect();
    for (const table of tables) {
      const cols = (
        await client.query(
          'SELECT column_name, data_type FROM information_schema.columns WHERE table_schema = $1 AND table_name = $2 ORDER BY ordinal_position',
          [schema, table],
        )
      ).rows as { column_name: string; data_type: string }[];
      const lines = path.join(work, `${table}.jsonl`);
      const rel = `${quoteIdentifier(schema)}.${quoteIdentifier(table)}`;
      // CSV with delimiter/quote characters JSON text never holds raw: each output line is one JSON row.
      const copy = client.query(
        copyTo(
          `COPY (SELECT row_to_json(t)::text FROM ${rel} t) TO STDOUT WITH (FORMAT csv, QUOTE E'\\x01', DELIMITER E'\\x02')`,
        ),
      );
      await pipeline(copy, fs.createWriteStream(lines));
      const columns = cols
        .map((c) => `${sqlString(c.column_name)}: ${sqlString(PG_TO_DUCKDB[c.data_type] ?? 'VARCHAR')}`)
        .join(', ');
      const file = prepareFolder(options.outDir, table);
      await dc.run(
        `COPY (SELECT * FROM read_json(${sqlString(lines)}, format = 'newline_delimited', columns = {${columns}})) ` +
          `TO ${sqlString(file)} (FORMAT parquet, COMPRESSION zstd)`,
      );
      const n = await dc.runAndReadAll(`SELECT COUNT(*) AS n FROM read_parquet(${sqlString(file)})`);
      const rows = Number(n.getRowObjectsJS()[0]?.n ?? 0);
      out.push({ schema, table, rows, file });
      options.logger?.info(`exported ${schema}.${table} (${rows} rows) to ${file}`);
      fs.rmSync(lines, { force: true });
    }
  } catch (e) {
    if (e instanceof LakehouseError) throw e;
    throw new LakehouseError(`export failed: ${(e as Error).message}`, { where: conn.location, cause: e });
  } finally {
    await client.end().catch(() => undefined);
    dc.closeSync();
    duck.closeSync();
    fs.rmSync(work, { recursive: true, force: true });
  }
  return out;
}
