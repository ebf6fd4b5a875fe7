import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { PoolClient } from 'pg';
import { from as copyFrom } from 'pg-copy-streams';

/** One CSV field for COPY: NULL is an unquoted empty field, every value is quoted. */
function csvField(value: string | null): string {
  return value == null ? '' : `"${value.replace(/"/g, '""')}"`;
}

/** Stream rows into a table with `COPY ... FROM STDIN (FORMAT csv)`. */
export async function copyRows(
  client: PoolClient,
  table: string,
  quotedColumns: string[],
  rows: (string | null)[][],
): Promise<number> {
  const stream = client.query(
    copyFrom(`COPY ${table} (${quotedColumns.join(', ')}) FROM STDIN WITH (FORMAT csv)`),
  );
  async function* lines(): AsyncGenerator<string> {
    let chunk: string[] = [];
    for (const row of rows) {
      chunk.push(quotedColumns.map((_, i) => csvField(row[i] ?? null)).join(',') + '\n');
      if (chunk.length >= 1000) {
        yield chunk.join('');
        chunk = [];
      }
    }
    if (chunk.length) yield chunk.join('');
  }
  await pipeline(Readable.from(lines()), stream);
  return rows.length;
}
