/**
 * `learnflow sync` end to end: the real CLI spawns the test source and destination-lakehouse as two
 * processes, on DuckDB and on PostgreSQL.
 */
import { spawn } from 'node:child_process';
import path from 'node:path';
import { ENGINES, createTarget, type Target } from './support/lakehouse-targets';
import { ROOT, learnflow, snapshot, testConnection, writeConfig } from './support/sync-project';

const TOKEN = 'tok-7f3a9c2e51d8';

describe.each(ENGINES)('learnflow sync on %s', (engine) => {
  let t: Target;
  beforeEach(async () => {
    t = await createTarget(engine);
  });
  afterEach(async () => {
    await t.cleanup();
  });

  test('lands three streams, resumes incrementally, keeps history; secrets never printed or stored', async () => {
    writeConfig(t, {
      demo: testConnection({ count: 120, state_every: 10, token: '${DEMO_TOKEN}' }, { batch_size: 15 }),
    });
    const env = { DEMO_TOKEN: TOKEN, LEARNFLOW_LOG_LEVEL: 'debug' };
    const first = await learnflow(t, ['sync', 'demo'], env);
    expect([first.code, first.stderr.slice(-600)]).toEqual([0, expect.any(String)]);
    expect(first.stdout).toMatch(/sync 1 of demo succeeded: 270 read, 270 committed, 5 rejected/);
    // the source prints its token to stderr; the runner logs source stderr at debug level, redacted
    expect(first.stderr).toMatch(/reading with token \*{10}/);
    expect(first.stdout + first.stderr).not.toContain(TOKEN);
    const snap = await snapshot(t);
    expect(snap.courses).toHaveLength(72);
    expect(snap.enrollments).toHaveLength(120);
    expect(snap.programs).toHaveLength(30);
    expect(snap.courses[0]).toMatchObject({ id: 1, seq: 73, title: 'Course 1 v73' });

    const second = await learnflow(t, ['sync', 'demo', '--json'], env);
    expect(second.code).toBe(0);
    const events = second.stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(events[0]).toMatchObject({
      event: 'sync_started',
      sync_id: 2,
      streams: ['courses', 'enrollments', 'programs'],
    });
    expect(events[events.length - 1]).toMatchObject({
      event: 'sync_finished',
      status: 'succeeded',
      records_read: 30,
    });
    expect(events.some((e) => e.event === 'state_committed' && e.stream === 'programs')).toBe(true);
    expect(await snapshot(t)).toEqual(snap);

    const history = await learnflow(t, ['lakehouse', 'history', 'demo', '--json'], env);
    expect(history.code).toBe(0);
    const runs = JSON.parse(history.stdout);
    expect(runs.map((r: { sync_id: number; status: string }) => [r.sync_id, r.status])).toEqual([
      [2, 'succeeded'],
      [1, 'succeeded'],
    ]);
    expect(runs[1]).toMatchObject({ records_read: 270, records_committed: 270, records_rejected: 5 });
    expect(runs[1].bytes).toBeGreaterThan(20_000);
    expect(
      runs[0].streams.map((s: Record<string, unknown>) => [
        s.stream,
        s.generation_id,
        s.records_read,
        s.status,
      ]),
    ).toEqual([
      ['courses', 1, 0, 'succeeded'],
      ['enrollments', 1, 0, 'succeeded'],
      ['programs', 2, 30, 'succeeded'],
    ]);
    expect(JSON.stringify(runs)).not.toContain(TOKEN);
  });

  test('a source dying mid-stream fails the sync, the state stays at committed data, the re-run completes', async () => {
    writeConfig(t, {
      demo: testConnection({ count: 100, state_every: 10, fail_after: 57 }, { batch_size: 10 }),
    });
    const failed = await learnflow(t, ['sync', 'demo']);
    expect(failed.code).toBe(1);
    expect(failed.stdout).toMatch(/sync 1 of demo failed: 57 read, 50 committed/);
    expect(failed.stderr).toMatch(/the source exited with code 1/);
    const state = JSON.parse((await learnflow(t, ['lakehouse', 'state', 'demo', '--json'])).stdout);
    expect(
      state.map((s: { streamKey: string; state: { stream: { stream_state: unknown } } }) => [
        s.streamKey,
        s.state.stream.stream_state,
      ]),
    ).toEqual([['courses', { cursor: 50 }]]);
    expect(await t.query('SELECT COUNT(*) AS n FROM airbyte_internal.raw_demo__courses')).toEqual([
      { n: 50 },
    ]);
    const history = JSON.parse((await learnflow(t, ['lakehouse', 'history', 'demo', '--json'])).stdout);
    expect(history[0]).toMatchObject({ status: 'failed', records_read: 57, records_committed: 50 });
    expect(history[0].error).toMatch(/source exited with code 1/);

    writeConfig(t, { demo: testConnection({ count: 100, state_every: 10 }, { batch_size: 10 }) });
    const resumed = await learnflow(t, ['sync', 'demo']);
    expect(resumed.code).toBe(0);
    expect(resumed.stdout).toMatch(/courses: succeeded, 50 read, 50 committed/);

    const reference = await createTarget(engine);
    try {
      writeConfig(reference, { demo: testConnection({ count: 100, state_every: 10 }, { batch_size: 10 }) });
      expect((await learnflow(reference, ['sync', 'demo'])).code).toBe(0);
      expect(await snapshot(t)).toEqual(await snapshot(reference));
      // exactly once: no record of the interrupted attempt landed twice
      expect(await t.query('SELECT COUNT(*) AS n FROM airbyte_internal.raw_demo__courses')).toEqual([
        { n: 100 },
      ]);
    } finally {
      await reference.cleanup();
    }
  });
});

test('SIGTERM to learnflow sync: the source is stopped, committed data kept, the sync recorded as interrupted', async () => {
  const t = await createTarget('duckdb');
  try {
    writeConfig(t, {
      demo: testConnection({ count: 100, state_every: 10, pause_after: 35 }, { batch_size: 10 }),
    });
    const child = spawn(process.execPath, [path.join(ROOT, 'bin', 'learnflow'), 'sync', 'demo', '--json'], {
      cwd: t.dir,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString('utf8')));
    const exit = new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)));
    // wait until 30 records are committed (the source then pauses after 35), then interrupt
    let buffer = '';
    await new Promise<void>((resolve) => {
      child.stdout.on('data', (c: Buffer) => {
        buffer += c.toString('utf8');
        const committed = buffer
          .split('\n')
          .filter((l) => l.startsWith('{'))
          .map((l) => JSON.parse(l))
          .filter((e) => e.event === 'state_committed' && e.stream === 'courses')
          .map((e) => e.records_committed as number);
        if (committed.includes(30)) resolve();
      });
    });
    child.kill('SIGTERM');
    expect(await exit).toBe(1);
    expect(stderr).toMatch(/SIGTERM: stopping the source/);
    const history = JSON.parse((await learnflow(t, ['lakehouse', 'history', 'demo', '--json'])).stdout);
    expect(history[0]).toMatchObject({
      status: 'failed',
      records_committed: 30,
      error: 'interrupted by SIGTERM',
    });
    expect(await t.query('SELECT COUNT(*) AS n FROM airbyte_internal.raw_demo__courses')).toEqual([
      { n: 30 },
    ]);
    writeConfig(t, { demo: testConnection({ count: 100, state_every: 10 }, { batch_size: 10 }) });
    const resumed = await learnflow(t, ['sync', 'demo']);
    expect(resumed.code).toBe(0);
    expect(resumed.stdout).toMatch(/courses: succeeded, 70 read, 70 committed/);
  } finally {
    await t.cleanup();
  }
});
