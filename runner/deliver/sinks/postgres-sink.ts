/**
 * The PostgreSQL target: the app's tables (shared-schema DDL). Per group of tables, in ONE transaction:
 * COPY the changed rows into a temp table, upsert them with change suppression, delete (or, for learning
 * resources, unpublish) the keys that disappeared, reset identity sequences and advance the delivered state.
 */
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { Client } from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { POSTGRES_DDL } from '../../../shared-schema';
import type { Logger } from '../../common/logger';
import type { LakehouseConnection, Row } from '../../lakehouse/lakehouse-connection';
import { crashPoint } from '../crash-point';
import { DeliveryError } from '../delivery-error';
import { GROUP_ORDER, planTables, tableGroup, type TablePlan } from '../delivery-plan';
import { emptyCounts, type ObjectCounts } from '../delivery-report';
import { BOOKKEEPING_COLUMNS, canRenderCsv, listMartTables, readCsv, readRows } from '../mart-tables';
import { checkMassDelete, resourceLosses } from '../mass-delete-guard';
import { changedKeys } from '../row-diff';
import { pgText } from './pg-copy-text';
import {
  ensurePgDeliveredState,
  loadPgDeliveredState,
  writePgDeliveredState,
} from './postgres-delivered-state';

export interface PostgresSinkOptions {
  url: string;
  /** The schema of the app's tables (default public). */
  schema?: string;
  lakehouse: LakehouseConnection;
  martsSchema: string;
  logger: Logger;
  allowMassDelete: boolean;
  maxDeleteShare: number;
  env?: NodeJS.ProcessEnv;
}

const q = (id: string) => `"${id.replace(/"/g, '""')}"`;

function where(url: string, table?: string): string {
  try {
    const u = new URL(url);
    return `postgres ${u.hostname}:${u.port || 5432}${u.pathname}${table ? ` table ${table}` : ''}`;
  } catch (_e) {
    return `postgres${table ? ` table ${table}` : ''}`;
  }
}

async function columnTypes(client: Client, schema: string, table: string): Promise<Map<string, string>> {
  const res = await client.query(
    'SELECT a.attname AS name, format_type(a.atttypid, a.atttypmod) AS type, a.attidentity AS identity ' +
      'FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid JOIN pg_namespace n ON n.oid = c.relnamespace ' +
      'WHERE n.nspname = $1 AND c.relname = $2 AND a.attnum > 0 AND NOT a.attisdropped ORDER BY a.attnum',
    [schema, table],
  );
  const out = new Map<string, string>();
  for (const r of res.rows) out.set(r.name, r.identity ? `${r.type}:identity` : r.type);
  return out;
}

async function copyInto(client: Client, copySql: string, columns: string[], types: string[], rows: Row[]) {
  const stream = client.query(copyFrom(copySql));
  async function* lines(): AsyncGenerator<string> {
    let chunk: string[] = [];
    for (const row of rows) {
      const fields = columns.map((c, i) => {
        const v = pgText(row[c], types[i]!);
        return v === null ? '' : `"${v.replace(/"/g, '""')}"`;
      });
      chunk.push(fields.join(',') + '\n');
      if (chunk.length >= 2000) {
        yield chunk.join('');
        chunk = [];
      }
    }
    if (chunk.length) yield chunk.join('');
  }
  await pipeline(Readable.from(lines()), stream);
}

/** Apply one table's changed rows; returns rows inserted and updated. */
async function upsertTable(
  client: Client,
  o: PostgresSinkOptions,
  schema: string,
  plan: TablePlan,
  types: Map<string, string>,
): Promise<{ inserted: number; updated: number }> {
  const keys = changedKeys(plan.diff);
  if (!keys.length) return { inserted: 0, updated: 0 };
  const name = plan.table.name;
  const columns = plan.table.columns.filter((c) => types.has(c));
  const colTypes = columns.map((c) => types.get(c)!.replace(/:identity$/, ''));
  const target = `${q(schema)}.${q(name)}`;
  const stg = q(`stg_${name}`);
  const wanted = keys.length === plan.build.size ? 'all' : keys;
  let t0 = performance.now();
  await client.query(`CREATE TEMP TABLE ${stg} (LIKE ${target} INCLUDING DEFAULTS) ON COMMIT DROP`);
  const copySql = `COPY ${stg} (${columns.map(q).join(', ')}) FROM STDIN WITH (FORMAT csv)`;
  const timings: Record<string, number> = {};
  let staged: number;
  if (canRenderCsv(o.lakehouse, plan.table, columns, colTypes)) {
    // The lakehouse renders the CSV itself; it streams to COPY in 1 MB slices.
    const { csv, rows } = await readCsv(o.lakehouse, o.martsSchema, plan.table, columns, colTypes, wanted);
    timings.read = Math.round(performance.now() - t0);
    t0 = performance.now();
    const slices = function* () {
      for (let i = 0; i < csv.length;) {
        let end = Math.min(csv.length, i + (1 << 20));
        const last = csv.charCodeAt(end - 1);
        if (end < csv.length && last >= 0xd800 && last <= 0xdbff) end--; // never split a surrogate pair
        yield csv.slice(i, end);
        i = end;
      }
    };
    await pipeline(Readable.from(slices()), client.query(copyFrom(copySql)));
    staged = rows;
  } else {
    const rows = await readRows(o.lakehouse, o.martsSchema, plan.table, wanted);
    timings.read = Math.round(performance.now() - t0);
    t0 = performance.now();
    await copyInto(client, copySql, columns, colTypes, rows);
    staged = rows.length;
  }
  timings.copy = Math.round(performance.now() - t0);
  t0 = performance.now();
  crashPoint(`postgres:after-copy:${name}`, o.env);
  const pk = plan.table.primaryKey;
  const rest = columns.filter((c) => !pk.includes(c));
  const compared = rest.filter((c) => !BOOKKEEPING_COLUMNS.has(c));
  const cols = columns.map(q).join(', ');
  let conflict: string;
  if (!compared.length) conflict = 'DO NOTHING';
  else {
    const sets = rest.map((c) => `${q(c)} = EXCLUDED.${q(c)}`);
    if (types.has('updated_on') && !columns.includes('updated_on')) sets.push('"updated_on" = now()');
    conflict =
      `DO UPDATE SET ${sets.join(', ')} WHERE (${compared.map((c) => `t.${q(c)}`).join(', ')}) ` +
      `IS DISTINCT FROM (${compared.map((c) => `EXCLUDED.${q(c)}`).join(', ')})`;
  }
  const res = await client.query(
    `WITH w AS (INSERT INTO ${target} AS t (${cols}) SELECT ${cols} FROM ${stg} ON CONFLICT (${pk.map(q).join(', ')}) ` +
      `${conflict} RETURNING (xmax = 0) AS ins) ` +
      'SELECT count(*) FILTER (WHERE ins)::int AS i, count(*) FILTER (WHERE NOT ins)::int AS u FROM w',
  );
  for (const [col, type] of types)
    if (type.endsWith(':identity') && columns.includes(col))
      await client.query(
        `SELECT setval(pg_get_serial_sequence($1, $2), GREATEST((SELECT COALESCE(MAX(${q(col)}), 0) FROM ${target}), 1))`,
        [`${q(schema)}.${q(name)}`, col],
      );
  timings.upsert = Math.round(performance.now() - t0);
  o.logger.debug(`${name}: ${staged} rows staged and upserted`, { ms: timings });
  return { inserted: res.rows[0].i, updated: res.rows[0].u };
}

/** Delete (or unpublish learning resources) the keys that disappeared; returns [deleted, unpublished]. */
async function removeKeys(
  client: Client,
  schema: string,
  plan: TablePlan,
  types: Map<string, string>,
): Promise<[number, number]> {
  const removed = plan.diff.removed;
  if (!removed.length) return [0, 0];
  const pk = plan.table.primaryKey;
  const target = `${q(schema)}.${q(plan.table.name)}`;
  const parts = pk.map(
    (c, i) => `CAST(split_part(k, chr(31), ${i + 1}) AS ${types.get(c)!.replace(/:identity$/, '')})`,
  );
  const match = `(${pk.map((c) => `t.${q(c)}`).join(', ')}) IN (SELECT ${parts.join(', ')} FROM unnest($1::text[]) AS k)`;
  if (plan.table.name === 'learning_resource') {
    const touch = types.has('updated_on') ? ', "updated_on" = now()' : '';
    const res = await client.query(
      `UPDATE ${target} AS t SET "published" = false${touch} WHERE t."published" AND ${match}`,
      [removed],
    );
    return [0, res.rowCount ?? 0];
  }
  const res = await client.query(`DELETE FROM ${target} AS t WHERE ${match}`, [removed]);
  return [res.rowCount ?? 0, 0];
}

/** Deliver the marts to the app's PostgreSQL; returns the counts per table. */
export async function deliverToPostgres(o: PostgresSinkOptions): Promise<Record<string, ObjectCounts>> {
  const schema = o.schema ?? 'public';
  const log = o.logger.child('deliver:postgres');
  const client = new Client({ connectionString: o.url, application_name: 'learnflow-deliver' });
  try {
    await client.connect();
  } catch (e) {
    throw new DeliveryError(`cannot connect to the target: ${(e as Error).message}`, {
      where: where(o.url),
      retryable: true,
      hint: 're-run `learnflow deliver --target postgres` when the database is reachable',
      cause: e,
    });
  }
  const counts: Record<string, ObjectCounts> = {};
  try {
    await client.query(`CREATE SCHEMA IF NOT EXISTS ${q(schema)}`);
    await client.query(`SET search_path TO ${q(schema)}`);
    await client.query('BEGIN');
    await client.query(POSTGRES_DDL);
    await ensurePgDeliveredState(client);
    await client.query('COMMIT');

    const tables = await listMartTables(o.lakehouse, o.martsSchema);
    if (!tables.length)
      throw new DeliveryError(`no Learn mart tables in schema ${o.martsSchema}`, {
        where: o.lakehouse.location,
        hint: 'build the marts first (`learnflow transform build`) or set deliver.marts_schema',
      });
    const plans = await planTables(o.lakehouse, o.martsSchema, tables, (t) =>
      loadPgDeliveredState(client, t),
    );
    const lr = plans.find((p) => p.table.name === 'learning_resource');
    if (lr)
      checkMassDelete(resourceLosses(lr.build, lr.delivered), {
        maxShare: o.maxDeleteShare,
        allowMassDelete: o.allowMassDelete,
        where: where(o.url, 'learning_resource'),
      });

    for (const group of GROUP_ORDER) {
      const members = plans.filter((p) => tableGroup(p.table.name) === group);
      if (!members.some((p) => changedKeys(p.diff).length || p.diff.removed.length)) {
        for (const p of members) counts[p.table.name] = { ...emptyCounts(), unchanged: p.diff.unchanged };
        continue;
      }
      await client.query('BEGIN');
      try {
        const types = new Map<string, Map<string, string>>();
        for (const p of members) {
          const t = await columnTypes(client, schema, p.table.name);
          if (!t.size)
            throw new DeliveryError('the target has no such table', { where: where(o.url, p.table.name) });
          types.set(p.table.name, t);
          const c = { ...emptyCounts(), unchanged: p.diff.unchanged };
          Object.assign(c, await upsertTable(client, o, schema, p, t));
          counts[p.table.name] = c;
        }
        for (const p of [...members].reverse()) {
          const [deleted, unpublished] = await removeKeys(client, schema, p, types.get(p.table.name)!);
          counts[p.table.name]!.deleted = deleted;
          counts[p.table.name]!.unpublished = unpublished;
        }
        const stateStart = performance.now();
        for (const p of members) {
          const written = changedKeys(p.diff).map((key) => ({
            key,
            hash: p.build.get(key)!.hash,
            part: p.build.get(key)!.part,
          }));
          await writePgDeliveredState(client, p.table.name, written, p.diff.removed, p.diff.updated);
        }
        log.debug(`${group}: delivered state written`, { ms: Math.round(performance.now() - stateStart) });
        crashPoint(`postgres:before-commit:${group}`, o.env);
        await client.query('COMMIT');
      } catch (e) {
        await client.query('ROLLBACK').catch(() => undefined);
        throw e;
      }
      crashPoint(`postgres:after-commit:${group}`, o.env);
      log.info(`${group}: committed`, {
        tables: members.map((p) => p.table.name),
      });
    }
    return counts;
  } catch (e) {
    if (e instanceof DeliveryError) throw e;
    throw new DeliveryError(`delivery failed: ${(e as Error).message}`, {
      where: where(o.url),
      retryable: true,
      hint: 'nothing of the failed group was committed; re-run `learnflow deliver --target postgres`',
      cause: e,
    });
  } finally {
    await client.end().catch(() => undefined);
  }
}
