/**
 * The offline demo: replay servers for the recorded upstream responses, an embedded PostgreSQL for the
 * app database (plus OpenSearch when OPENSEARCH_URL is set), a learnflow.yml under `.learnflow/demo/`
 * pointing at them, then the whole pipeline into the demo's DuckDB lakehouse, and a summary.
 */
import fs from 'node:fs';
import path from 'node:path';
import yaml from 'js-yaml';
import { Client } from 'pg';
import { ENTITY_KINDS } from '../../shared-schema/generated/types';
import type { Logger } from '../common/logger';
import { parseLearnflowConfig } from '../config/load-config';
import { openLakehouse } from '../lakehouse/lakehouse-connection';
import type { PipelineReporter } from '../pipeline/pipeline-events';
import { registerPipelineSections } from '../pipeline/pipeline-settings';
import { runPipeline, type PipelineResult } from '../pipeline/run-pipeline';
import { demoSources, type DemoSource } from './demo-sources';
import { searchIndexCounts, withoutCredentials, type SearchIndexCounts } from './search-index-counts';
import { startDemoPostgres, type DemoPostgres } from './start-demo-postgres';
import { startDemoUpstreams } from './start-demo-upstreams';

export const DEMO_PG_ENV = 'LEARNFLOW_DEMO_PG_URL';
export const DEMO_OPENSEARCH_ENV = 'OPENSEARCH_URL';
/** The demo's indexes and aliases are named `learnflow_demo_<type>_...`. */
export const DEMO_INDEX_PREFIX = 'learnflow_demo';

export interface DemoOptions {
  /** The repository root (transforms/learn lives there). */
  rootDir: string;
  /** Where the demo keeps its files (default `<root>/.learnflow/demo`). */
  demoDir?: string;
  logger: Logger;
  reporter: PipelineReporter;
  /** Only these connections (default: all of them). */
  select?: string[];
  /** Start from nothing: remove the demo's lakehouse and database first. */
  fresh?: boolean;
  env?: NodeJS.ProcessEnv;
  /** Leave PostgreSQL running when done (the caller stops it). */
  keepPostgres?: boolean;
  /** Deliver into this PostgreSQL instead of starting the embedded one (tests). */
  postgresUrl?: string;
}

export interface DemoSummary {
  pipeline: PipelineResult;
  seconds: number;
  configFile: string;
  lakehouseFile: string;
  marts: { table: string; rows: number }[];
  /** The other tables the project built (staging, intermediate, seeds). */
  models: { table: string; rows: number }[];
  appTables: { table: string; rows: number }[];
  postgresUrl: string;
  /** OPENSEARCH_URL without credentials, when set. */
  opensearchUrl?: string;
  /** What OpenSearch holds after the run (documents per alias), when OPENSEARCH_URL is set. */
  opensearch?: SearchIndexCounts;
  postgres?: DemoPostgres;
}

/** The demo's learnflow.yml (secrets come from the environment, never written to the file). */
export function demoConfig(
  sources: { source: DemoSource; config: Record<string, unknown> }[],
  rootDir: string,
  opensearch: boolean,
): Record<string, unknown> {
  return {
    version: 1,
    lakehouse: { engine: 'duckdb', path: 'lakehouse.duckdb' },
    connections: Object.fromEntries(
      sources.map((s) => [
        s.source.connection,
        { source: { connector: s.source.connector, config: s.config } },
      ]),
    ),
    transform: { project_dir: path.join(rootDir, 'transforms', 'learn') },
    deliver: {
      postgres: { url: `\${${DEMO_PG_ENV}}` },
      ...(opensearch
        ? { opensearch: { url: `\${${DEMO_OPENSEARCH_ENV}}`, index_prefix: DEMO_INDEX_PREFIX } }
        : {}),
    },
  };
}

async function tableCounts(
  query: (sql: string, params: unknown[]) => Promise<Record<string, unknown>[]>,
  schemas: string[],
  quote: (s: string) => string,
): Promise<{ table: string; rows: number }[]> {
  const out: { table: string; rows: number }[] = [];
  for (const schema of schemas) {
    const tables = await query(
      "SELECT table_name FROM information_schema.tables WHERE table_schema = $1 AND table_type = 'BASE TABLE' ORDER BY table_name",
      [schema],
    );
    for (const t of tables) {
      const name = String(t.table_name);
      const [row] = await query(`SELECT count(*) AS n FROM ${quote(schema)}.${quote(name)}`, []);
      out.push({ table: `${schema}.${name}`, rows: Number(row?.n ?? 0) });
    }
  }
  return out;
}

export async function runDemo(o: DemoOptions): Promise<DemoSummary> {
  const started = Date.now();
  const env = { ...(o.env ?? process.env) };
  const demoDir = o.demoDir ?? path.join(o.rootDir, '.learnflow', 'demo');
  if (o.fresh) fs.rmSync(demoDir, { recursive: true, force: true });
  fs.mkdirSync(demoDir, { recursive: true });
  const wanted = demoSources().filter((s) => !o.select?.length || o.select.includes(s.connection));
  const log = o.logger.child('demo');
  log.info(`starting ${wanted.length} replay server(s) of the recorded upstream responses on 127.0.0.1`);
  const upstreams = await startDemoUpstreams(wanted);
  let pg: DemoPostgres | undefined;
  try {
    if (o.postgresUrl) env[DEMO_PG_ENV] = o.postgresUrl;
    else {
      log.info('starting the embedded PostgreSQL (the app database)');
      pg = await startDemoPostgres(path.join(demoDir, 'postgres'), (l) => log.debug(l));
      env[DEMO_PG_ENV] = pg.url;
    }
    const appUrl = env[DEMO_PG_ENV] as string;
    o.logger.addSecret(appUrl);
    try {
      o.logger.addSecret(decodeURIComponent(new URL(appUrl).password));
    } catch (_e) {
      // not a URL: the whole value is already a secret
    }
    const opensearch = Boolean(env[DEMO_OPENSEARCH_ENV]);
    if (opensearch)
      try {
        const password = decodeURIComponent(new URL(String(env[DEMO_OPENSEARCH_ENV])).password);
        if (password) o.logger.addSecret(password);
      } catch (_e) {
        o.logger.addSecret(String(env[DEMO_OPENSEARCH_ENV])); // not a URL: all of it is a secret
      }
    registerPipelineSections();
    const configFile = path.join(demoDir, 'learnflow.yml');
    const text =
      '# Written by `npm run demo`: the recorded upstreams on 127.0.0.1 (ports change every run).\n' +
      yaml.dump(demoConfig(upstreams.upstreams, o.rootDir, opensearch), { lineWidth: 120 });
    fs.writeFileSync(configFile, text);
    const loaded = parseLearnflowConfig(text, configFile, env);
    const pipeline = await runPipeline({ loaded, logger: o.logger, reporter: o.reporter, env });
    o.reporter.close();

    const lakehouseFile = path.join(demoDir, 'lakehouse.duckdb');
    const lake = await openLakehouse({ engine: 'duckdb', path: lakehouseFile }, { baseDir: demoDir });
    let marts: { table: string; rows: number }[];
    let models: { table: string; rows: number }[];
    try {
      const schemas = (
        await lake.query(
          "SELECT DISTINCT table_schema AS s FROM information_schema.tables WHERE table_schema NOT IN ('airbyte_internal', 'raw', 'learnflow', 'information_schema', 'pg_catalog') ORDER BY 1",
        )
      ).map((r) => String(r.s));
      const q = (sql: string, params: unknown[]) => lake.query(sql, params);
      const all = await tableCounts(q, schemas, lake.quote);
      // the marts: tables named after a shared-schema table entity; the rest are staging, seeds, helpers
      const isMart = (t: string) => (ENTITY_KINDS as Record<string, string>)[t.split('.')[1]] === 'table';
      marts = all.filter((t) => isMart(t.table));
      models = all.filter((t) => !isMart(t.table));
    } finally {
      await lake.close();
    }
    const app = new Client({ connectionString: appUrl });
    await app.connect();
    let appTables: { table: string; rows: number }[];
    try {
      const schemas = (
        await app.query(
          "SELECT DISTINCT table_schema AS s FROM information_schema.tables WHERE table_schema NOT IN ('pg_catalog', 'information_schema') AND table_schema NOT LIKE 'pg_%' ORDER BY 1",
        )
      ).rows.map((r: { s: string }) => r.s);
      appTables = (
        await tableCounts(
          async (sql, params) => (await app.query(sql, params)).rows as Record<string, unknown>[],
          schemas,
          (s) => `"${s.replace(/"/g, '""')}"`,
        )
      ).filter((t) => t.rows > 0 || !t.table.includes('delivered'));
    } finally {
      await app.end();
    }
    const searchUrl = opensearch ? String(env[DEMO_OPENSEARCH_ENV]) : undefined;
    const search = searchUrl ? await searchIndexCounts(searchUrl, DEMO_INDEX_PREFIX) : undefined;
    return {
      pipeline,
      seconds: (Date.now() - started) / 1000,
      configFile,
      lakehouseFile,
      marts,
      models,
      appTables,
      postgresUrl: appUrl,
      ...(searchUrl ? { opensearchUrl: withoutCredentials(searchUrl), opensearch: search } : {}),
      ...(o.keepPostgres && pg ? { postgres: pg } : {}),
    };
  } finally {
    o.reporter.close();
    await upstreams.close();
    if (pg && !o.keepPostgres) await pg.stop();
  }
}
