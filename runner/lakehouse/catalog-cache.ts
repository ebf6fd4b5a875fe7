/**
 * The catalog a source's discover returned, kept per connection in the lakehouse (`learnflow.catalogs`),
 * so a sync need not run discover again while nothing it depends on changed: the Airbyte platform, too,
 * keeps a connection's catalog until a schema refresh. A cached catalog is used only when its fingerprint
 * (the connector's build and its config, hashed: no secret is stored) matches and it is younger than
 * MAX_AGE_HOURS; `--refresh-catalog` discovers anew.
 */
import { createHash } from 'node:crypto';
import type { AirbyteCatalog } from '../../connectors/cdk/protocol';
import type { ConnectorCommand } from '../sync/connector-command';
import type { LakehouseConnection } from './lakehouse-connection';
import { HISTORY_SCHEMA } from './run-history';

export const CATALOG_TABLE = 'catalogs';
export const MAX_AGE_HOURS = 24;

function table(conn: LakehouseConnection): string {
  return `${conn.quote(HISTORY_SCHEMA)}.${conn.quote(CATALOG_TABLE)}`;
}

/** What a discover's result depends on: the connector (its build, or its command) and its config. */
export function catalogFingerprint(cmd: ConnectorCommand, config: unknown): string {
  return createHash('sha256')
    .update(JSON.stringify({ connector: cmd.fingerprint ?? [cmd.file, ...cmd.args], config }))
    .digest('hex');
}

/** Create `learnflow.catalogs` when missing (once per sync, before reading or storing). */
export async function ensureCatalogTable(conn: LakehouseConnection): Promise<void> {
  await conn.exec(`CREATE SCHEMA IF NOT EXISTS ${conn.quote(HISTORY_SCHEMA)}`);
  await conn.exec(
    `CREATE TABLE IF NOT EXISTS ${table(conn)} (connection VARCHAR PRIMARY KEY, fingerprint VARCHAR NOT NULL, ` +
      'catalog TEXT NOT NULL, discovered_at_ms BIGINT NOT NULL)',
  );
}

export async function readCachedCatalog(
  conn: LakehouseConnection,
  connection: string,
  fingerprint: string,
  now = new Date(),
): Promise<AirbyteCatalog | undefined> {
  const rows = await conn.query(
    `SELECT catalog, discovered_at_ms FROM ${table(conn)} ` + 'WHERE connection = $1 AND fingerprint = $2',
    [connection, fingerprint],
  );
  const row = rows[0];
  if (!row) return undefined;
  const age = now.getTime() - Number(row.discovered_at_ms);
  if (!(age >= 0 && age < MAX_AGE_HOURS * 3600_000)) return undefined;
  try {
    return JSON.parse(String(row.catalog)) as AirbyteCatalog;
  } catch (_e) {
    return undefined;
  }
}

export async function storeCatalog(
  conn: LakehouseConnection,
  connection: string,
  fingerprint: string,
  catalog: AirbyteCatalog,
  now = new Date(),
): Promise<void> {
  await conn.exec(`DELETE FROM ${table(conn)} WHERE connection = $1`, [connection]);
  await conn.exec(`INSERT INTO ${table(conn)} VALUES ($1, $2, $3, $4)`, [
    connection,
    fingerprint,
    JSON.stringify(catalog),
    now.getTime(),
  ]);
}
