/**
 * The demo pipeline end to end on a subset of its connections: recorded upstreams on 127.0.0.1 → the
 * DuckDB lakehouse → the Learn models and tests → delivery into a real PostgreSQL; then a second run with
 * no upstream change, which must rebuild and deliver nothing.
 */
import path from 'node:path';
import { Client } from 'pg';
import { main } from '../../runner/cli/main';
import { memoryLogger } from '../../runner/common/logger';
import { runDemo } from '../../runner/demo/run-demo';
import { openLakehouse } from '../../runner/lakehouse/lakehouse-connection';
import type { PipelineEvent } from '../../runner/pipeline/pipeline-events';
import { readRuns, readStatus } from '../../runner/pipeline/read-status';
import { createTestDatabase } from '../support/pg';
import { tempDir } from '../support/tmp';

const ROOT = path.resolve(__dirname, '..', '..');
const SUBSET = ['mitxonline', 'xpro'];

async function appCounts(url: string): Promise<Record<string, number>> {
  const c = new Client({ connectionString: url });
  await c.connect();
  try {
    const tables = await c.query(
      "SELECT table_schema || '.' || table_name AS t FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE' ORDER BY 1",
    );
    const out: Record<string, number> = {};
    for (const { t } of tables.rows as { t: string }[]) {
      const [schema, name] = t.split('.');
      out[t] = Number((await c.query(`SELECT count(*) AS n FROM "${schema}"."${name}"`)).rows[0].n);
    }
    return out;
  } finally {
    await c.end();
  }
}

test('sync → transform → deliver, then an unchanged second run writes nothing downstream', async () => {
  const { dir, cleanup } = tempDir('learnflow-pipeline-demo-');
  const db = await createTestDatabase('pipe');
  try {
    const run = async () => {
      const events: PipelineEvent[] = [];
      const logger = memoryLogger('info');
      const summary = await runDemo({
        rootDir: ROOT,
        demoDir: dir,
        logger,
        reporter: { emit: (e) => events.push(e), close: () => undefined },
        select: SUBSET,
        postgresUrl: db.url,
      });
      return { summary, events, logger };
    };

    const first = await run();
    const p1 = first.summary.pipeline;
    expect(p1.syncs.map((s) => [s.connection, s.status])).toEqual(SUBSET.map((c) => [c, 'succeeded']));
    expect(p1.syncs.every((s) => s.committed > 0)).toBe(true);
    expect(p1.transform.status).toBe('succeeded');
    expect(Object.keys(p1.built).length).toBeGreaterThan(0);
    // every step reported: started and finished, in order, then the end of the run
    const finished = first.events.filter((e) => e.event === 'step_finished').map((e) => e.step);
    // (the syncs run side by side and finish in any order)
    expect(finished.slice(0, SUBSET.length).sort()).toEqual(SUBSET.map((c) => `sync:${c}`).sort());
    expect(finished.slice(SUBSET.length)).toEqual(['transform', 'deliver']);
    expect(first.events.at(-1)).toMatchObject({ event: 'pipeline_finished', run_id: p1.runId });
    // delivery ran against the configured PostgreSQL (its own outcome depends on the marts' data)
    expect(p1.delivery.message).toMatch(/postgres/);
    // the app database's URL (a secret: it carries the password) is never logged
    expect(first.logger.lines.join('\n')).not.toContain(db.url);
    const appAfterFirst = await appCounts(db.url);

    const lake = path.join(dir, 'lakehouse.duckdb');
    const marksOf = async () => {
      const c = await openLakehouse({ engine: 'duckdb', path: lake }, { baseDir: dir });
      try {
        const tables = await c.query(
          "SELECT table_schema || '.' || table_name AS t FROM information_schema.tables WHERE table_schema NOT IN ('learnflow', 'airbyte_internal', 'raw') ORDER BY 1",
        );
        return tables.map((r) => String(r.t));
      } finally {
        await c.close();
      }
    };
    const modelTablesFirst = await marksOf();

    const second = await run();
    const p2 = second.summary.pipeline;
    expect(p2.syncs.every((s) => s.status === 'succeeded')).toBe(true);
    expect(p2.transform).toMatchObject({
      status: 'skipped',
      message: 'no new data upstream: nothing to build',
    });
    expect(p2.built).toEqual({});
    expect(p2.delivery.delivered).toEqual({});
    expect(await appCounts(db.url)).toEqual(appAfterFirst);
    expect(await marksOf()).toEqual(modelTablesFirst);

    // the history: both runs, their steps, the last state of every connection and model
    const c = await openLakehouse({ engine: 'duckdb', path: lake }, { baseDir: dir });
    try {
      const runs = await readRuns(c);
      expect(runs.map((r) => [r.run_id, r.status === 'running' ? 'running' : 'ended'])).toEqual([
        [p2.runId, 'ended'],
        [p1.runId, 'ended'],
      ]);
      expect(runs[0].steps.find((s) => s.step === 'transform')).toMatchObject({ status: 'skipped' });
      const status = await readStatus(c);
      expect(status.connections.map((r) => r.connection)).toEqual([...SUBSET].sort());
      expect(status.streams.length).toBeGreaterThanOrEqual(SUBSET.length);
      expect(status.models.length).toBeGreaterThan(0);
      // model results are those of the first run: the second built nothing
      expect(new Set(status.models.map((m) => Number(m.run_id)))).toEqual(new Set([p1.runId]));
    } finally {
      await c.close();
    }

    // the same history from the CLI, as JSON for an orchestrator
    const cli = async (args: string[]) => {
      let out = '';
      const stdout = { write: (t: string) => ((out += t), true) } as unknown as NodeJS.WritableStream;
      const code = await main([...args, '--config', path.join(dir, 'learnflow.yml'), '--json'], {
        stdout,
        logger: memoryLogger('warn'),
      });
      return { code, json: JSON.parse(out) as unknown };
    };
    const status = await cli(['status']);
    expect(status.code).toBe(0);
    expect(status.json).toMatchObject({
      connections: [...SUBSET]
        .sort()
        .map((connection) => expect.objectContaining({ connection, status: 'succeeded' })),
      lastRun: expect.objectContaining({ run_id: p2.runId }),
    });
    const runs = await cli(['runs', '--since', '1h']);
    expect(runs.code).toBe(0);
    expect((runs.json as { run_id: number }[]).map((r) => r.run_id)).toEqual([p2.runId, p1.runId]);
    expect(JSON.stringify(status.json) + JSON.stringify(runs.json)).not.toContain(db.url);
  } finally {
    await db.drop();
    cleanup();
  }
});
