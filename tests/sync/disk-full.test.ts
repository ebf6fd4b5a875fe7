/**
 * A full disk, for real: the lakehouse lives on a small tmpfs (DuckDB: the file and its WAL; PostgreSQL: a
 * tablespace), a write runs out of space, and the destination must fail cleanly (non-zero exit, an error
 * naming the file / table and the OS's "No space left on device"), echo no STATE for data it did not commit,
 * and after space is freed a run resumed from the last echoed state ends with exactly the tables of an
 * uninterrupted run. Needs root to mount a tmpfs; skips with the reason printed otherwise.
 */
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import { Client } from 'pg';
import { createTestDatabase, serverUrl } from '../support/pg';
import path from 'node:path';
import { tempDir } from '../support/tmp';
import { mountTmpfs, tmpfsUnavailable, type Tmpfs } from '../support/tmpfs';
import { openLakehouse } from '../../runner/lakehouse/lakehouse-connection';
import type { LakehouseSettings } from '../../runner/config/learnflow-config';
import { echoedCursors, eventMessages, traceError, writeEvents } from './support/padded-events';

const N = 1500;
const OPTS = { every: 50, pad: 1000 };

async function query(settings: LakehouseSettings, dir: string, sql: string) {
  const conn = await openLakehouse(settings, { baseDir: dir });
  try {
    return await conn.query(sql);
  } finally {
    await conn.close();
  }
}

const EVENTS = 'SELECT id, body FROM raw.raw__p__events ORDER BY id';
const RAW =
  'SELECT COUNT(*) AS n, COUNT(DISTINCT CAST(_airbyte_data AS VARCHAR)) AS d FROM airbyte_internal.raw_p__events';
const STATE = `SELECT CAST(state AS VARCHAR) AS state FROM airbyte_internal._learnflow_state WHERE stream_key = 'events'`;

const unavailable = tmpfsUnavailable();
if (unavailable) console.log(`[disk-full tests skipped] ${unavailable}`);
const describeTmpfs = unavailable ? describe.skip : describe;

describeTmpfs('a full disk under the DuckDB lakehouse', () => {
  let fsm: Tmpfs;
  let ref: { dir: string; cleanup: () => void };
  beforeAll(() => {
    fsm = mountTmpfs(12 << 20, 'learnflow-duckdb-full-');
    ref = tempDir('learnflow-duckdb-ref-');
  });
  afterAll(() => {
    fsm?.unmount();
    ref?.cleanup();
  });

  test('fails cleanly, echoes only committed states, reopens and resumes to identical tables', async () => {
    const file = path.join(fsm.dir, 'lakehouse.duckdb');
    const settings: LakehouseSettings = { engine: 'duckdb', path: file };
    const config = { backend: { engine: 'duckdb', path: file }, batch_size: 1 };
    // a first run that fits: the file exists with its tables
    const first = await writeEvents(fsm.dir, config, eventMessages(0, 100, { ...OPTS, complete: false }));
    expect([first.code, first.stderr.slice(-300)]).toEqual([0, expect.any(String)]);
    const filler = fsm.fill(400 << 10);
    const full = await writeEvents(fsm.dir, config, eventMessages(100, N, OPTS));
    expect(full.code).toBe(1);
    const error = traceError(full);
    expect(error?.message).toContain(file);
    expect(error?.message).toMatch(/No space left on device/);
    expect(error?.message).toMatch(/nothing of this batch was committed/);
    expect(error?.message).toMatch(/free space .* re-run/);
    expect(error?.failure_type).toBe('system_error');
    // some commits fitted before the disk filled up; their states, and only theirs, were echoed
    const echoed = echoedCursors(full);
    expect(echoed.length).toBeGreaterThan(0);
    const last = echoed[echoed.length - 1];
    expect(last).toBeLessThan(N);
    fs.rmSync(filler);
    // the file (and its WAL) reopens; it holds exactly the records the echoed states cover
    expect(await query(settings, fsm.dir, RAW)).toEqual([{ n: last, d: last }]);
    expect(JSON.parse(String((await query(settings, fsm.dir, STATE))[0].state)).stream.stream_state).toEqual({
      cursor: last,
    });
    const resumed = await writeEvents(fsm.dir, config, eventMessages(last, N, OPTS));
    expect([resumed.code, resumed.stderr.slice(-300)]).toEqual([0, expect.any(String)]);
    expect(echoedCursors(resumed).pop()).toBe(N);

    const refFile = path.join(ref.dir, 'lakehouse.duckdb');
    const refSettings: LakehouseSettings = { engine: 'duckdb', path: refFile };
    const uninterrupted = await writeEvents(
      ref.dir,
      { ...config, backend: { engine: 'duckdb', path: refFile } },
      eventMessages(0, N, OPTS),
    );
    expect(uninterrupted.code).toBe(0);
    expect(await query(settings, fsm.dir, EVENTS)).toEqual(await query(refSettings, ref.dir, EVENTS));
    expect(await query(settings, fsm.dir, RAW)).toEqual([{ n: N, d: N }]);
  });
});

/** Why a tablespace on a local tmpfs cannot be given to the test server, or null (a local server). */
function pgNotLocal(): string | null {
  const host = process.env.PG_URL ? new URL(process.env.PG_URL).hostname : '';
  if (!['127.0.0.1', 'localhost', '::1', '[::1]'].includes(host))
    return `PG_URL points to '${host}', not a local server: a tablespace on a tmpfs here is out of its reach`;
  return null;
}

/** The local server's data directory (its owner is the server's OS user), or why it is not visible here. */
async function localServerDataDir(): Promise<{ dataDir?: string; reason?: string }> {
  const c = new Client({ connectionString: serverUrl() });
  await c.connect();
  try {
    const dataDir = String((await c.query('SHOW data_directory')).rows[0].data_directory);
    if (!fs.existsSync(dataDir))
      return { reason: `the server's data directory ${dataDir} is not on this machine (a container?)` };
    return { dataDir };
  } catch (e) {
    return { reason: `cannot read the server's data_directory: ${(e as Error).message}` };
  } finally {
    await c.end();
  }
}

const pgSkip = unavailable ?? pgNotLocal();
if (pgSkip && !unavailable) console.log(`[PostgreSQL disk-full test skipped] ${pgSkip}`);

(pgSkip ? describe.skip : describe)('a full disk under a PostgreSQL tablespace', () => {
  let fsm: Tmpfs | undefined;
  let skip: string | undefined;
  const name = `lf_full_${randomBytes(4).toString('hex')}`;
  let url = '';
  const admin = async <T>(f: (c: Client) => Promise<T>): Promise<T> => {
    const c = new Client({ connectionString: serverUrl() });
    await c.connect();
    try {
      return await f(c);
    } finally {
      await c.end();
    }
  };

  beforeAll(async () => {
    const local = await localServerDataDir();
    if (!local.dataDir) {
      // a local address served from elsewhere (a container's published port): nothing to mount into
      skip = local.reason;
      console.log(`[PostgreSQL disk-full test not run] ${skip}`);
      return;
    }
    // the tablespace directory belongs to the server's OS user, as PostgreSQL requires
    const owner = fs.statSync(local.dataDir);
    fsm = mountTmpfs(12 << 20, 'learnflow-pg-full-');
    fs.chownSync(fsm.dir, owner.uid, owner.gid);
    fs.chmodSync(fsm.dir, 0o700);
    await admin(async (c) => {
      await c.query(`CREATE TABLESPACE ${name} LOCATION '${fsm!.dir}'`);
      await c.query(`CREATE DATABASE ${name} TABLESPACE ${name}`);
    });
    const u = new URL(serverUrl());
    u.pathname = `/${name}`;
    url = u.toString();
  });
  afterAll(async () => {
    if (fsm) {
      await admin(async (c) => {
        await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
        await c.query(`DROP TABLESPACE IF EXISTS ${name}`);
      }).catch((e) => console.log(`cleanup: ${(e as Error).message}`));
      fsm.unmount();
    }
  });

  const ref = () => os.tmpdir();
  test('fails cleanly with "could not extend file", echoes only committed states, resumes to identical tables', async () => {
    if (skip || !fsm) return;
    const settings: LakehouseSettings = { engine: 'postgres', url };
    const config = { backend: { engine: 'postgres', url }, batch_size: 1 };
    const first = await writeEvents(ref(), config, eventMessages(0, 100, { ...OPTS, complete: false }));
    expect([first.code, first.stderr.slice(-300)]).toEqual([0, expect.any(String)]);
    const filler = fsm.fill(400 << 10);
    const full = await writeEvents(ref(), config, eventMessages(100, N, OPTS));
    expect(full.code).toBe(1);
    const error = traceError(full);
    expect(error?.message).toMatch(/could not extend file .*No space left on device/);
    expect(error?.message).toContain(`/${name}: "airbyte_internal"."raw_p__events"`);
    expect(error?.message).toMatch(/nothing of this batch was committed/);
    expect(error?.message).toMatch(/free space .* re-run/);
    expect(error?.failure_type).toBe('system_error');
    const echoed = echoedCursors(full);
    expect(echoed.length).toBeGreaterThan(0);
    const last = echoed[echoed.length - 1];
    expect(last).toBeLessThan(N);
    // nothing half-committed: the tables hold exactly what the echoed states cover
    expect(await query(settings, ref(), RAW)).toEqual([{ n: last, d: last }]);
    expect(await query(settings, ref(), 'SELECT COUNT(*) AS n FROM raw.raw__p__events')).toEqual([
      { n: last },
    ]);
    expect(JSON.parse(String((await query(settings, ref(), STATE))[0].state)).stream.stream_state).toEqual({
      cursor: last,
    });
    fs.rmSync(filler);
    const resumed = await writeEvents(ref(), config, eventMessages(last, N, OPTS));
    expect([resumed.code, resumed.stderr.slice(-300)]).toEqual([0, expect.any(String)]);
    expect(echoedCursors(resumed).pop()).toBe(N);
    const refDb = await createTestDatabase('full_ref');
    try {
      const uninterrupted = await writeEvents(
        ref(),
        { ...config, backend: { engine: 'postgres', url: refDb.url } },
        eventMessages(0, N, OPTS),
      );
      expect([uninterrupted.code, uninterrupted.stderr.slice(-600)]).toEqual([0, expect.any(String)]);
      expect(await query(settings, ref(), EVENTS)).toEqual(
        await query({ engine: 'postgres', url: refDb.url }, ref(), EVENTS),
      );
    } finally {
      await refDb.drop();
    }
    expect(await query(settings, ref(), RAW)).toEqual([{ n: N, d: N }]);
  });
});
