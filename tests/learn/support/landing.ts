/**
 * Lands the recorded fixtures of every source into one lakehouse (DuckDB file or PostgreSQL database) the
 * way production does: `learnflow sync` per connection, each source read from its own replay server on
 * 127.0.0.1. Used by the transform tests, and from the command line while developing the project:
 * `npx tsx tests/learn/support/landing.ts <dir>` lands into `<dir>/lakehouse.duckdb`.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import yaml from 'js-yaml';
import {
  startReplayServer,
  type ReplayRoute,
  type ReplayServer,
} from '../../../connectors/cdk/testing/replay-server';
import { edxReplayConfig, edxReplayRoutes } from '../../../connectors/source-edx/src/replay-routes';
import {
  mitClimateReplayConfig,
  mitClimateReplayRoutes,
} from '../../../connectors/source-mit-climate/src/replay-routes';
import { mitpeReplayConfig, mitpeReplayRoutes } from '../../../connectors/source-mitpe/src/replay-routes';
import { mitxonlineReplayRoutes } from '../../../connectors/source-mitxonline/src/replay-routes';
import { ocwReplayConfig, ocwReplayRoutes } from '../../../connectors/source-ocw/src/replay-routes';
import { ollReplayConfig, ollReplayRoutes } from '../../../connectors/source-oll/src/replay-routes';
import { ovsReplayConfig, ovsReplayRoutes } from '../../../connectors/source-ovs/src/replay-routes';
import { sloanReplayConfig, sloanReplayRoutes } from '../../../connectors/source-sloan/src/replay-routes';
import { xproReplayConfig, xproReplayRoutes } from '../../../connectors/source-xpro/src/replay-routes';
import { CONTENTS_PATH, podcastsReplayRoutes } from '../../../connectors/source-podcasts/src/replay-routes';
import { API_PATH, youtubeReplayRoutes } from '../../../connectors/source-youtube/src/replay-routes';
import {
  MEDIUM_PATH,
  newsEventsReplayRoutes,
} from '../../../connectors/source-news-events/src/replay-routes';
import {
  ARCHIVES_BUCKET,
  ARCHIVES_PREFIX,
  OCW_BUCKET,
  courseContentReplayRoutes,
} from '../../../connectors/source-course-content/src/replay-routes';

export const ROOT = path.resolve(__dirname, '..', '..', '..');
const BIN = path.join(ROOT, 'bin', 'learnflow');
const COURSE_CONTENT_KEY = 'AKIACOURSECONTENTTEST';

interface SourceDef {
  /** the connection name, which is also the `<source>` of the raw tables */
  name: string;
  connector: string;
  routes: () => ReplayRoute[];
  config: (url: string) => Record<string, unknown>;
}

/** Every source of the Learn catalog with its replay routes and a config that reads them. */
export const SOURCES: SourceDef[] = [
  {
    name: 'mitxonline',
    connector: 'source-mitxonline',
    routes: () => mitxonlineReplayRoutes(),
    config: (url) => ({ base_url: url }),
  },
  { name: 'xpro', connector: 'source-xpro', routes: () => xproReplayRoutes(), config: xproReplayConfig },
  {
    name: 'edx',
    connector: 'source-edx',
    routes: () => edxReplayRoutes(),
    config: (url) => edxReplayConfig(url),
  },
  { name: 'mitpe', connector: 'source-mitpe', routes: () => mitpeReplayRoutes(), config: mitpeReplayConfig },
  {
    name: 'sloan',
    connector: 'source-sloan',
    routes: () => sloanReplayRoutes(),
    config: (url) => sloanReplayConfig(url),
  },
  {
    name: 'mit_climate',
    connector: 'source-mit-climate',
    routes: () => mitClimateReplayRoutes(),
    config: mitClimateReplayConfig,
  },
  { name: 'ovs', connector: 'source-ovs', routes: () => ovsReplayRoutes(), config: ovsReplayConfig },
  { name: 'oll', connector: 'source-oll', routes: () => ollReplayRoutes(), config: ollReplayConfig },
  {
    name: 'ocw',
    connector: 'source-ocw',
    routes: () => ocwReplayRoutes(),
    config: (url) => ocwReplayConfig(url),
  },
  {
    name: 'podcasts',
    connector: 'source-podcasts',
    routes: () => podcastsReplayRoutes(),
    config: (url) => ({ podcast_configs_url: `${url}${CONTENTS_PATH}`, retry_backoff_seconds: 0 }),
  },
  {
    name: 'youtube',
    connector: 'source-youtube',
    routes: () => youtubeReplayRoutes(),
    config: (url) => ({
      api_key: 'AIza-youtube-test-key-2f304a',
      base_url: `${url}${API_PATH}`,
      channels_config_url: `${url}/channels.yaml`,
      retry_backoff_seconds: 0,
    }),
  },
  {
    name: 'news_events',
    connector: 'source-news-events',
    routes: () => newsEventsReplayRoutes(),
    config: (url) => ({
      medium_feed_url: `${url}${MEDIUM_PATH}`,
      mitpe_base_url: url,
      ol_events_base_url: url,
      sloan_base_url: url,
      retry_backoff_seconds: 0,
    }),
  },
  {
    name: 'course_content',
    connector: 'source-course-content',
    routes: () => courseContentReplayRoutes(COURSE_CONTENT_KEY),
    config: (url) => ({
      s3_endpoint_url: url,
      aws_access_key_id: COURSE_CONTENT_KEY,
      aws_secret_access_key: 'course-content-secret-2f304a',
      archives_bucket: ARCHIVES_BUCKET,
      archives_prefix: ARCHIVES_PREFIX,
      ocw_bucket: OCW_BUCKET,
      retry_backoff_seconds: 0,
    }),
  },
];

export type Lakehouse = { engine: 'duckdb'; path: string } | { engine: 'postgres'; url: string };

export interface CliRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs the real CLI in `cwd`. */
export function learnflow(cwd: string, args: string[], env: Record<string, string> = {}): Promise<CliRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], {
      cwd,
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on('data', (c: Buffer) => out.push(c));
    child.stderr.on('data', (c: Buffer) => err.push(c));
    child.on('error', reject);
    child.on('close', (code) =>
      resolve({
        code,
        stdout: Buffer.concat(out).toString('utf8'),
        stderr: Buffer.concat(err).toString('utf8'),
      }),
    );
  });
}

/**
 * Writes `<dir>/learnflow.yml` with one connection per source and syncs them all. PostgreSQL takes the
 * connections in parallel; a DuckDB file has one writer, so they run one after another there.
 */
export async function landFixtures(dir: string, lakehouse: Lakehouse): Promise<void> {
  const servers: ReplayServer[] = [];
  try {
    const connections: Record<string, unknown> = {};
    for (const s of SOURCES) {
      const server = await startReplayServer(s.routes());
      servers.push(server);
      connections[s.name] = {
        source: { connector: s.connector, config: s.config(server.url) },
        destination: { connector: 'destination-lakehouse', config: {} },
      };
    }
    const settings =
      lakehouse.engine === 'postgres' ? { engine: 'postgres', url: '${LAKEHOUSE_URL}' } : lakehouse;
    fs.writeFileSync(
      path.join(dir, 'learnflow.yml'),
      yaml.dump({ version: 1, lakehouse: settings, connections }),
    );
    const env: Record<string, string> =
      lakehouse.engine === 'postgres' ? { LAKEHOUSE_URL: lakehouse.url } : {};
    const sync = async (name: string) => {
      const r = await learnflow(dir, ['sync', name, '--json'], env);
      if (r.code !== 0) throw new Error(`learnflow sync ${name} exited ${r.code}: ${r.stderr.slice(-2000)}`);
    };
    if (lakehouse.engine === 'postgres') await Promise.all(SOURCES.map((s) => sync(s.name)));
    else for (const s of SOURCES) await sync(s.name);
  } finally {
    await Promise.all(servers.map((s) => s.close()));
  }
}

if (require.main === module) {
  const dir = path.resolve(process.argv[2] ?? '.learnflow-learn');
  fs.mkdirSync(dir, { recursive: true });
  const pgUrl = process.argv[3];
  const lakehouse: Lakehouse = pgUrl
    ? { engine: 'postgres', url: pgUrl }
    : { engine: 'duckdb', path: path.join(dir, 'lakehouse.duckdb') };
  landFixtures(dir, lakehouse).then(
    () => process.stdout.write(`landed into ${pgUrl ?? path.join(dir, 'lakehouse.duckdb')}\n`),
    (e: unknown) => {
      process.stderr.write(`${String(e)}\n`);
      process.exit(1);
    },
  );
}
