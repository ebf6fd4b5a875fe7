/**
 * What the pipeline's syncs rely on: the destination embedded in the runner's process (same runner, same
 * code as its child process) lands exactly what the child process lands, several such syncs write one
 * DuckDB file side by side through its one shared instance, and a source's catalog is discovered once
 * and reused while the connector and its config stay the same.
 */
import fs from 'node:fs';
import path from 'node:path';
import yaml from 'js-yaml';
import { leaseDuckdb } from '../../connectors/destination-lakehouse/src/shared-duckdb';
import { createLogger } from '../../runner/common/logger';
import { parseLearnflowConfig } from '../../runner/config/load-config';
import type { LoadedConfig } from '../../runner/config/learnflow-config';
import { openLakehouse } from '../../runner/lakehouse/lakehouse-connection';
import { runSync, type SyncOptions } from '../../runner/sync/run-sync';
import type { ProgressReporter } from '../../runner/sync/sync-progress';
import { tempDir } from '../support/tmp';
import { ENGINES, createTarget, type Target } from './support/lakehouse-targets';
import { snapshot, testConnection } from './support/sync-project';

const quiet: ProgressReporter = {
  started: () => undefined,
  update: () => undefined,
  streamStatus: () => undefined,
  finished: () => undefined,
};

function load(target: Target, connections: Record<string, unknown>): LoadedConfig {
  const file = path.join(target.dir, 'learnflow.yml');
  const text = yaml.dump({ version: 1, lakehouse: target.settings, connections });
  fs.writeFileSync(file, text);
  return parseLearnflowConfig(text, file, process.env);
}

function sync(loaded: LoadedConfig, connection: string, extra: Partial<SyncOptions> = {}, lines?: string[]) {
  return runSync({
    loaded,
    connection,
    progress: quiet,
    logger: createLogger({ level: 'debug', write: (l) => lines?.push(l) }),
    ...extra,
  });
}

const CONFIG = { count: 120, distinct: 80, state_every: 15 };

describe.each(ENGINES)('embedded destination on %s', (engine) => {
  let embedded: Target;
  let spawned: Target;
  beforeEach(async () => {
    embedded = await createTarget(engine);
    spawned = await createTarget(engine);
  });
  afterEach(async () => {
    await embedded.cleanup();
    await spawned.cleanup();
  });

  test('two syncs side by side land what the destination process lands, with their history', async () => {
    const connections = {
      demo: testConnection(CONFIG),
      other: { ...testConnection({ ...CONFIG, count: 60 }), source_name: 'other' },
    };
    const inProcess = load(embedded, connections);
    const results = await Promise.all([
      sync(inProcess, 'demo', { destinationMode: 'embedded' }),
      sync(inProcess, 'other', { destinationMode: 'embedded' }),
    ]);
    expect(results.map((r) => r.status)).toEqual(['succeeded', 'succeeded']);
    // the bookkeeping of syncs running side by side still hands out distinct sync ids
    expect(new Set(results.map((r) => r.syncId)).size).toBe(2);

    const asProcesses = load(spawned, connections);
    expect((await sync(asProcesses, 'demo')).status).toBe('succeeded');
    expect((await sync(asProcesses, 'other')).status).toBe('succeeded');

    expect(await snapshot(embedded, 'demo')).toEqual(await snapshot(spawned, 'demo'));
    expect(await snapshot(embedded, 'other')).toEqual(await snapshot(spawned, 'other'));
    expect((await snapshot(embedded, 'demo')).courses).toHaveLength(80);
    const history = await embedded.query(
      'SELECT connection, status, records_committed FROM learnflow.sync_runs ORDER BY connection',
    );
    expect(history).toEqual([
      { connection: 'demo', status: 'succeeded', records_committed: results[0].recordsCommitted },
      { connection: 'other', status: 'succeeded', records_committed: results[1].recordsCommitted },
    ]);
  });
});

describe('the catalog of the last discover', () => {
  let t: Target;
  beforeEach(async () => {
    t = await createTarget('duckdb');
  });
  afterEach(async () => {
    await t.cleanup();
  });

  test('is reused while connector and config stay the same; --refresh-catalog or a new config discovers', async () => {
    const log = path.join(t.dir, 'discovers.log');
    const discovers = () => (fs.existsSync(log) ? fs.readFileSync(log, 'utf8').split('\n').length - 1 : 0);
    const loaded = load(t, { demo: testConnection({ ...CONFIG, discover_log: log }) });

    expect((await sync(loaded, 'demo')).status).toBe('succeeded');
    expect(discovers()).toBe(1);
    const lines: string[] = [];
    expect((await sync(loaded, 'demo', {}, lines)).status).toBe('succeeded');
    expect(discovers()).toBe(1);
    expect(lines.some((l) => l.includes('catalog of the last discover reused'))).toBe(true);

    expect((await sync(loaded, 'demo', { refreshCatalog: true })).status).toBe('succeeded');
    expect(discovers()).toBe(2);

    const changed = load(t, { demo: testConnection({ ...CONFIG, count: 130, discover_log: log }) });
    expect((await sync(changed, 'demo')).status).toBe('succeeded');
    expect(discovers()).toBe(3);

    // one row per connection, and the config (which may hold secrets) only as a hash
    const rows = await t.query('SELECT connection, fingerprint, catalog FROM learnflow.catalogs');
    expect(rows).toHaveLength(1);
    expect(String(rows[0].fingerprint)).toMatch(/^[0-9a-f]{64}$/);
    expect(String(rows[0].catalog)).not.toContain('discovers.log');
  });
});

describe('one DuckDB instance per file and process', () => {
  test('leases share the instance, take turns in exclusive sections, and the last release closes it', async () => {
    const { dir, cleanup } = tempDir('learnflow-lease-');
    try {
      const file = path.join(dir, 'sub', 'lake.duckdb');
      const a = await leaseDuckdb(file);
      const b = await leaseDuckdb(path.join(dir, 'sub', '..', 'sub', 'lake.duckdb'));
      expect(b.instance).toBe(a.instance);
      const reader = await leaseDuckdb(file, { readOnly: true });
      expect(reader.instance).toBe(a.instance);

      const order: string[] = [];
      let release!: () => void;
      const gate = new Promise<void>((r) => (release = r));
      const first = a.exclusive(async () => {
        order.push('first:start');
        await gate;
        order.push('first:end');
      });
      const second = b.exclusive(async () => {
        order.push('second');
      });
      await new Promise((r) => setImmediate(r));
      expect(order).toEqual(['first:start']);
      release();
      await Promise.all([first, second]);
      expect(order).toEqual(['first:start', 'first:end', 'second']);

      // a failing section does not block the next
      await expect(a.exclusive(async () => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
      await expect(b.exclusive(async () => 'next')).resolves.toBe('next');

      const conn = await a.instance.connect();
      await conn.run('CREATE TABLE t AS SELECT 42 AS x');
      conn.closeSync();
      reader.release();
      a.release();
      a.release(); // twice: no effect
      // still open through b: the lakehouse API sees the table
      const lake = await openLakehouse({ engine: 'duckdb', path: file }, { baseDir: dir });
      expect(await lake.query('SELECT x FROM t')).toEqual([{ x: 42 }]);
      await lake.close();
      b.release();
      // all released: a new lease opens a new instance of the same file
      const c = await leaseDuckdb(file);
      expect(c.instance).not.toBe(a.instance);
      c.release();
    } finally {
      cleanup();
    }
  });
});
