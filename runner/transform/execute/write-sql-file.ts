import fs from 'node:fs';
import path from 'node:path';
import type { ManifestNode } from '../parse/manifest-types';
import type { ProjectSession } from '../parse/project-session';
import { SqlPrettyPool } from './sql-pretty-pool';

const madeDirs = new Set<string>();
const pending: Promise<void>[] = [];
let pool: SqlPrettyPool | undefined;

/** `target/<kind>/<project>/<path>` of a node, e.g. `target/run/jaffle_shop/models/orders.sql`. */
export function sqlFilePath(session: ProjectSession, node: ManifestNode, kind: 'compiled' | 'run'): string {
  const rel = node.test_metadata ? `${node.original_file_path}/${node.alias}.sql` : node.original_file_path;
  return path.join(session.targetDir, kind, node.package_name, rel);
}

/** Write the SQL of a node (pretty-printed when asked; the text as rendered if the formatter cannot read it). */
export function writeSqlFile(file: string, sql: string, pretty: boolean, dialect: string): void {
  const dir = path.dirname(file);
  if (!madeDirs.has(dir)) {
    fs.mkdirSync(dir, { recursive: true });
    madeDirs.add(dir);
  }
  // written in the background: a node does not wait for its SQL file; flushSqlFiles() awaits them all
  if (!pretty) pending.push(fs.promises.writeFile(file, sql));
  else {
    pool ??= new SqlPrettyPool();
    pending.push(pool.format(sql, dialect).then((text) => fs.promises.writeFile(file, text)));
  }
}

/** Wait until every SQL file queued by writeSqlFile is on disk. */
export async function flushSqlFiles(): Promise<void> {
  while (pending.length) await Promise.all(pending.splice(0, pending.length));
  const p = pool;
  pool = undefined;
  await p?.close();
}

export function prettySql(sql: string, dialect: string): string {
  try {
    // loaded on first use: sql-formatter is a quarter of a second of start-up
    const { format } = require('sql-formatter') as typeof import('sql-formatter');
    return format(sql, {
      language: dialect === 'postgres' ? 'postgresql' : 'duckdb',
      keywordCase: 'preserve',
    });
  } catch {
    return sql;
  }
}
