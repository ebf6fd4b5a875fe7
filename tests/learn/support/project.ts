/**
 * The Learn transform project built from landed fixtures: a copy of transforms/learn per engine (so two
 * builds never share a target folder), built with the real CLI against the lakehouse the fixtures landed in.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import {
  openLakehouse,
  type LakehouseConnection,
  type Row,
} from '../../../runner/lakehouse/lakehouse-connection';
import { createTestDatabase } from '../../support/pg';
import { tempDir } from '../../support/tmp';
import { ROOT, landFixtures, learnflow, type CliRun, type Lakehouse } from './landing';
import { mirrorRawToPostgres } from './mirror';

export type Engine = 'duckdb' | 'postgres';

/** The settings of the app's ETL the expected rows were computed with (tests/learn/expected/README.md). */
export const EXPECTED_VARS = {
  learn_now: '2023-01-01T00:00:00Z',
  app_base_url: 'https://learn.example.test/',
  mitxonline_base_url: '',
  ocw_base_url: 'http://test.edu/',
  ovs_base_url: 'https://video.odl.mit.edu',
  mitpe_base_url: 'https://professional.mit.edu/',
};

export interface LearnBuild {
  engine: Engine;
  /** the copy of the project */
  projectDir: string;
  lakehouse: Lakehouse;
  /** schema of the marts */
  schema: string;
  build: CliRun;
  /** runs `learnflow transform <args>` on this engine's project and lakehouse */
  transform(args: string[]): Promise<CliRun>;
  query(sql: string): Promise<Row[]>;
  cleanup(): Promise<void>;
}

/**
 * Copies the project's tracked files (their working-tree content) so files someone is still writing and has
 * not added to git do not leak into the build; outside a git checkout, the whole folder.
 */
function copyProject(into: string): string {
  const src = path.join(ROOT, 'transforms', 'learn');
  const dest = path.join(into, 'learn');
  const listed = spawnSync('git', ['ls-files', '-z', '--', '.'], { cwd: src, encoding: 'utf8' });
  const files = listed.status === 0 ? listed.stdout.split('\0').filter((f) => f !== '') : [];
  if (files.length === 0) {
    fs.cpSync(src, dest, { recursive: true, filter: (p) => !p.startsWith(path.join(src, 'target')) });
    return dest;
  }
  for (const f of files) {
    if (f.startsWith('target/') || !fs.existsSync(path.join(src, f))) continue;
    fs.mkdirSync(path.dirname(path.join(dest, f)), { recursive: true });
    fs.copyFileSync(path.join(src, f), path.join(dest, f));
  }
  return dest;
}

function pgEnv(url: string): Record<string, string> {
  const u = new URL(url);
  return {
    PGHOST: u.hostname,
    PGPORT: u.port || '5432',
    PGUSER: decodeURIComponent(u.username),
    PGPASSWORD: decodeURIComponent(u.password),
    PGDATABASE: u.pathname.slice(1),
  };
}

/**
 * One landing for the suite: every source's fixtures synced into a DuckDB lakehouse, and its raw tables
 * mirrored into a fresh PostgreSQL database.
 */
export async function landOnce(): Promise<{
  dir: string;
  duckdb: string;
  pgUrl: string;
  cleanup(): Promise<void>;
}> {
  const tmp = tempDir('learn-landing-');
  const duckdb = path.join(tmp.dir, 'lakehouse.duckdb');
  const db = await createTestDatabase('learn');
  await landFixtures(tmp.dir, { engine: 'duckdb', path: duckdb });
  await mirrorRawToPostgres(duckdb, db.url, tmp.dir);
  return {
    dir: tmp.dir,
    duckdb,
    pgUrl: db.url,
    cleanup: async () => {
      await db.drop();
      tmp.cleanup();
    },
  };
}

/** Builds a copy of the project on `engine`, reading the landed raw tables. */
export async function buildOn(
  engine: Engine,
  landing: { dir: string; duckdb: string; pgUrl: string },
): Promise<LearnBuild> {
  const tmp = tempDir(`learn-${engine}-`);
  const lakehouse: Lakehouse =
    engine === 'postgres'
      ? { engine: 'postgres', url: landing.pgUrl }
      : { engine: 'duckdb', path: landing.duckdb };
  const env: Record<string, string> =
    engine === 'postgres' ? pgEnv(landing.pgUrl) : { LEARNFLOW_DUCKDB_PATH: landing.duckdb };
  const projectDir = copyProject(tmp.dir);
  const vars = JSON.stringify({ ...EXPECTED_VARS, learn_engine: engine });
  const transform = (args: string[]) =>
    learnflow(
      projectDir,
      ['transform', ...args, '--project-dir', projectDir, '--target', engine, '--vars', vars],
      env,
    );
  const build = await transform(['build']);
  const settings =
    lakehouse.engine === 'postgres' ? lakehouse : { engine: 'duckdb' as const, path: lakehouse.path };
  return {
    engine,
    projectDir,
    lakehouse,
    schema: engine === 'postgres' ? 'public' : 'main',
    build,
    transform,
    query: async (sql) => {
      const conn: LakehouseConnection = await openLakehouse(settings, { baseDir: tmp.dir });
      try {
        return await conn.query(sql);
      } finally {
        await conn.close();
      }
    },
    cleanup: async () => {
      tmp.cleanup();
    },
  };
}
