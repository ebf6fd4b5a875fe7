/**
 * A full disk, for real: the lakehouse lives on a small tmpfs (DuckDB: the file and its WAL; PostgreSQL: a
 * tablespace), a write runs out of space, and the destination must fail cleanly (non-zero exit, an error
 * naming the file / table and the OS's "No space left on device"), echo no STATE for data it did not commit,
 * and after space is freed a run resumed from the last echoed state ends with exactly the tables of an
 * uninterrupted run. Needs root to mount a tmpfs; skips with the reason printed otherwise.
 */
import fs from 'node:fs';
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
const RAW = 'SELECT COUNT(*) AS n, COUNT(DISTINCT _airbyte_data) AS d FROM airbyte_internal.raw_p__events';
const STATE = `SELECT state FROM airbyte_internal._learnflow_state WHERE stream_key = 'events'`;

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
