/**
 * Copies the raw typed tables of a landed DuckDB lakehouse into a PostgreSQL database (schema `raw`, the
 * column types PostgreSQL's destination uses: JSON → jsonb), so one landing through the connectors serves
 * the builds on both engines.
 */
import fs from 'node:fs';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { DuckDBInstance } from '@duckdb/node-api';
import { Client } from 'pg';
import { from as copyFrom } from 'pg-copy-streams';

const PG_TYPES: Record<string, string> = {
  VARCHAR: 'text',
  JSON: 'jsonb',
  BIGINT: 'bigint',
  INTEGER: 'integer',
  BOOLEAN: 'boolean',
  DOUBLE: 'double precision',
  UUID: 'uuid',
  'TIMESTAMP WITH TIME ZONE': 'timestamptz',
  TIMESTAMP: 'timestamp',
  DATE: 'date',
};

const quote = (id: string) => `"${id.replace(/"/g, '""')}"`;

export async function mirrorRawToPostgres(
  duckdbFile: string,
  pgUrl: string,
  workDir: string,
): Promise<string[]> {
  const db = await DuckDBInstance.create(duckdbFile, { access_mode: 'READ_ONLY' });
  const duck = await db.connect();
  const pg = new Client({ connectionString: pgUrl });
  await pg.connect();
  const tables: string[] = [];
  try {
    const cols = (
      await duck.runAndReadAll(
        `select table_name, column_name, data_type from information_schema.columns
         where table_schema = 'raw' order by table_name, ordinal_position`,
      )
    ).getRowObjectsJson() as Array<{ table_name: string; column_name: string; data_type: string }>;
    const byTable = new Map<string, Array<{ column_name: string; data_type: string }>>();
    for (const c of cols) byTable.set(c.table_name, [...(byTable.get(c.table_name) ?? []), c]);
    await pg.query('create schema if not exists raw');
    for (const [table, columns] of byTable) {
      const ddl = columns.map((c) => `${quote(c.column_name)} ${PG_TYPES[c.data_type] ?? 'text'}`).join(', ');
      await pg.query(`create table raw.${quote(table)} (${ddl})`);
      const file = path.join(workDir, `${table}.csv`);
      await duck.run(
        `copy (select * from raw.${quote(table)}) to '${file.replace(/'/g, "''")}' (format csv, header false)`,
      );
      const names = columns.map((c) => quote(c.column_name)).join(', ');
      await pipeline(
        fs.createReadStream(file),
        pg.query(copyFrom(`copy raw.${quote(table)} (${names}) from stdin with (format csv)`)),
      );
      fs.rmSync(file);
      tables.push(table);
    }
  } finally {
    duck.closeSync();
    db.closeSync();
    await pg.end();
  }
  return tables;
}
