import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { createAdapter } from '../../../runner/transform/adapters';
import type { Adapter, TargetConfig } from '../../../runner/transform/adapters/adapter';
import { createLogger } from '../../../runner/common/logger';
import { tempDir } from '../../support/tmp';

export type Engine = 'duckdb' | 'postgres';

const BIN = path.join(__dirname, '..', '..', '..', 'bin', 'learnflow');
const PROJECTS = path.join(__dirname, '..', 'projects');

export interface CliRun {
  status: number;
  stdout: string;
  stderr: string;
}

export interface ProjectHarness {
  dir: string;
  engine: Engine;
  schema: string;
  /** `learnflow transform <args>` in a child process, against this project and its profiles.yml. */
  cli(...args: string[]): Promise<CliRun>;
  /** Run SQL on the target through a real adapter (opened per call so the CLI can lock DuckDB). */
  query(sql: string): Promise<Record<string, unknown>[]>;
  cleanup(): void;
}

/**
 * Copy `tests/transform/projects/<name>` (and its sibling local packages) into a temp folder and write a
 * profiles.yml for the engine: DuckDB in a file there, or PostgreSQL at `pgUrl` in its own schema. The
 * password reaches the profile through env_var, as real projects do.
 */
export function setupProject(name: string, engine: Engine, pgUrl?: string): ProjectHarness {
  const tmp = tempDir(`lf-${name}-`);
  for (const entry of fs.readdirSync(PROJECTS)) {
    fs.cpSync(path.join(PROJECTS, entry), path.join(tmp.dir, entry), { recursive: true });
  }
  const dir = path.join(tmp.dir, name);
  fs.rmSync(path.join(dir, 'profiles.yml'), { force: true });
  const schema = engine === 'duckdb' ? 'main' : `s_${name}`;
  const env: NodeJS.ProcessEnv = { ...process.env, LEARNFLOW_LOG_LEVEL: 'info' };
  delete env.DBT_PROFILES_DIR;
  let target: TargetConfig;
  if (engine === 'duckdb') {
    target = { name: 'dev', type: 'duckdb', schema, path: path.join(dir, 'dev.duckdb'), threads: 4 };
    const out = `      type: duckdb\n      path: dev.duckdb\n      schema: ${schema}\n      threads: 4\n`;
    writeProfiles(dir, out);
  } else {
    const u = new URL(pgUrl!);
    env.LF_TEST_PG_PASSWORD = decodeURIComponent(u.password);
    target = {
      name: 'dev',
      type: 'postgres',
      schema,
      host: u.hostname,
      port: Number(u.port || 5432),
      user: decodeURIComponent(u.username),
      password: decodeURIComponent(u.password),
      dbname: u.pathname.slice(1),
      threads: 4,
    };
    const out =
      `      type: postgres\n      host: ${u.hostname}\n      port: ${u.port || 5432}\n      user: ${decodeURIComponent(u.username)}\n` +
      `      password: "{{ env_var('LF_TEST_PG_PASSWORD') }}"\n      dbname: ${u.pathname.slice(1)}\n      schema: ${schema}\n      threads: 4\n`;
    writeProfiles(dir, out);
  }
  const logger = createLogger({ level: 'error', write: () => undefined });
  return {
    dir,
    engine,
    schema,
    cli: (...args) => runCli(['transform', ...args, '--project-dir', dir, '--profiles-dir', dir], env),
    query: async (sql) => {
      const adapter: Adapter = await createAdapter(target, logger);
      try {
        return (await adapter.execute(sql)).rows;
      } finally {
        await adapter.close();
      }
    },
    cleanup: tmp.cleanup,
  };
}

function writeProfiles(dir: string, output: string): void {
  const profile = (name: string) => `${name}:\n  target: dev\n  outputs:\n    dev:\n${output}`;
  fs.writeFileSync(
    path.join(dir, 'profiles.yml'),
    ['jaffle_shop', 'behaviours', 'bench'].map(profile).join('\n'),
  );
}

export function runCli(args: string[], env: NodeJS.ProcessEnv = process.env, cwd?: string): Promise<CliRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], { env, cwd });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('error', reject);
    child.on('close', (code) => resolve({ status: code ?? -1, stdout, stderr }));
  });
}

/** Rows as sorted JSON lines, for multiset comparisons that ignore row order. */
export function rowSet(rows: Record<string, unknown>[]): string[] {
  return rows.map((r) => JSON.stringify(r, (_k, v) => (typeof v === 'bigint' ? Number(v) : v))).sort();
}

export function statuses(dir: string): Record<string, string> {
  const rr = JSON.parse(fs.readFileSync(path.join(dir, 'target', 'run_results.json'), 'utf8')) as {
    results: { unique_id: string; status: string }[];
  };
  return Object.fromEntries(rr.results.map((r) => [r.unique_id, r.status]));
}

export function countStatuses(dir: string): Record<string, number> {
  const out: Record<string, number> = {};
  for (const s of Object.values(statuses(dir))) out[s] = (out[s] ?? 0) + 1;
  return out;
}

/** Fail with the CLI's stderr (not just its exit code) when a command did not succeed. */
export function expectOk(r: CliRun): void {
  if (r.status !== 0) throw new Error(`exit ${r.status}\n${r.stderr}`);
}
