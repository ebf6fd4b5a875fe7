/**
 * A lost database connection, for real: the destination holds a PostgreSQL transaction open (its data
 * written, COMMIT not yet sent; the `hold` crash point), the test terminates its session with
 * pg_terminate_backend (found by application_name), and lets it go on. The destination must exit non-zero
 * with a transient error saying the connection was lost and that a retry can help, echo only committed
 * states, and a resumed run must end with exactly the tables of an uninterrupted run. The same through
 * `learnflow sync`: the run is recorded as failed with that error and the stored state is the last
 * committed one. No timing: the test waits for the marker the held commit writes.
 */
import os from 'node:os';
import { createTestDatabase, serverUrl } from '../support/pg';
import { tempDir } from '../support/tmp';
import { openLakehouse } from '../../runner/lakehouse/lakehouse-connection';
import type { LakehouseSettings } from '../../runner/config/learnflow-config';
import { echoedCursors, eventMessages, traceError, writeEvents } from './support/padded-events';
import { heldCommit, terminateDestinationSessions } from './support/held-commit';
import { createTarget } from './support/lakehouse-targets';
import { learnflow, snapshot, testConnection, writeConfig } from './support/sync-project';

const N = 400;
const OPTS = { every: 20, pad: 200 };
const EVENTS = 'SELECT id, body FROM raw.raw__p__events ORDER BY id';
const RAW =
  'SELECT COUNT(*) AS n, COUNT(DISTINCT CAST(_airbyte_data AS VARCHAR)) AS d FROM airbyte_internal.raw_p__events';

async function query(url: string, sql: string) {
  const settings: LakehouseSettings = { engine: 'postgres', url };
  const conn = await openLakehouse(settings, { baseDir: os.tmpdir() });
  try {
    return await conn.query(sql);
  } finally {
    await conn.close();
  }
}

const LOST = /connection to the database was lost/;

describe('the PostgreSQL connection lost during a write', () => {
  test.each([
    ['hold', 'inside the transaction, data written, before COMMIT'],
    ['idle', 'between two commits, the connection idle'],
  ])(
    'destination, session killed %s (%s): transient error, committed states only, resumes to identical tables',
    async (point) => {
      const db = await createTestDatabase('lost');
      const ref = await createTestDatabase('lost_ref');
      const tmp = tempDir('learnflow-lost-');
      try {
        const config = { backend: { engine: 'postgres', url: db.url }, batch_size: 1 };
        const hold = heldCommit(tmp.dir, 4, point);
        const running = writeEvents(tmp.dir, config, eventMessages(0, N, OPTS), hold.env);
        expect(await hold.held()).toBe(4);
        // the destination keeps two sessions (one commits while the other copies): both are cut
        expect(await terminateDestinationSessions(serverUrl(), db.name)).toBe(2);
        hold.release();
        const run = await running;
        expect(run.code).toBe(1);
        const error = traceError(run);
        expect(error?.failure_type).toBe('transient_error');
        expect(error?.message).toMatch(LOST);
        // which of its two sessions reports the loss first varies: the server's notice or the closed socket
        expect(error?.message).toMatch(
          /terminating connection due to administrator command|Connection terminated unexpectedly/,
        );
        expect(error?.message).toMatch(/nothing of this batch was committed/);
        expect(error?.message).toMatch(/a retry may succeed/);
        expect(error?.message).not.toContain(new URL(db.url).password || '(no password)');
        expect(error?.message).toMatch(/re-run the sync: it resumes from the last committed state/);
        // commits 1..3 were committed and echoed (states at 20, 40, 60); the 4th was not, nor half of it
        expect(echoedCursors(run)).toEqual([20, 40, 60]);
        expect(await query(db.url, RAW)).toEqual([{ n: 60, d: 60 }]);
        expect(await query(db.url, 'SELECT COUNT(*) AS n FROM raw.raw__p__events')).toEqual([{ n: 60 }]);

        const resumed = await writeEvents(tmp.dir, config, eventMessages(60, N, OPTS));
        expect([resumed.code, resumed.stderr.slice(-300)]).toEqual([0, expect.any(String)]);
        const uninterrupted = await writeEvents(
          tmp.dir,
          { ...config, backend: { engine: 'postgres', url: ref.url } },
          eventMessages(0, N, OPTS),
        );
        expect(uninterrupted.code).toBe(0);
        expect(await query(db.url, EVENTS)).toEqual(await query(ref.url, EVENTS));
        expect(await query(db.url, RAW)).toEqual([{ n: N, d: N }]);
      } finally {
        tmp.cleanup();
        await db.drop();
        await ref.drop();
      }
    },
  );

  test('learnflow sync: the run is failed with the error, the stored state is the last committed one', async () => {
    const source = { count: 100, state_every: 10 };
    const dest = { batch_size: 10 };
    const t = await createTarget('postgres');
    const reference = await createTarget('postgres');
    try {
      writeConfig(t, { demo: testConnection(source, dest) });
      const hold = heldCommit(t.dir, 3);
      const running = learnflow(t, ['sync', 'demo'], hold.env);
      await hold.held();
      const database = new URL(String(t.backend.url)).pathname.slice(1);
      expect(await terminateDestinationSessions(serverUrl(), database)).toBe(2);
      hold.release();
      const crashed = await running;
      expect(crashed.code).toBe(1);
      expect(crashed.stderr).toMatch(LOST);

      const history = JSON.parse((await learnflow(t, ['lakehouse', 'history', 'demo', '--json'])).stdout);
      expect(history[0].status).toBe('failed');
      expect(history[0].error).toMatch(LOST);
      expect(history[0].error).toMatch(/a retry may succeed/);
      expect(JSON.stringify(history) + crashed.stderr).not.toContain(String(t.backend.url));
      // the stored state is the last committed one: exactly the records in the tables
      const state = JSON.parse((await learnflow(t, ['lakehouse', 'state', 'demo', '--json'])).stdout) as {
        streamKey: string;
        state: { stream: { stream_state: { cursor: number } } };
      }[];
      const courses = state.find((s) => s.streamKey === 'courses');
      const committed = await t.query('SELECT COUNT(*) AS n FROM airbyte_internal.raw_demo__courses');
      expect(committed).toEqual([{ n: courses?.state.stream.stream_state.cursor ?? 0 }]);
      expect(history[0].records_committed).toBeLessThan(source.count);

      const resumed = await learnflow(t, ['sync', 'demo']);
      expect([resumed.code, resumed.stderr.slice(-400)]).toEqual([0, expect.any(String)]);
      writeConfig(reference, { demo: testConnection(source, dest) });
      expect((await learnflow(reference, ['sync', 'demo'])).code).toBe(0);
      expect(await snapshot(t)).toEqual(await snapshot(reference));
      for (const stream of ['courses', 'enrollments'])
        expect(
          await t.query(
            `SELECT COUNT(*) AS n, COUNT(DISTINCT CAST(_airbyte_data AS VARCHAR)) AS d FROM airbyte_internal.raw_demo__${stream}`,
          ),
        ).toEqual([{ n: source.count, d: source.count }]);
    } finally {
      await t.cleanup();
      await reference.cleanup();
    }
  });
});
