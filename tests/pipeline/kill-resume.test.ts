/**
 * Kill and resume: `learnflow pipeline run --json` runs as a child process (in its own process group, so
 * its connectors die with it, as on a crashed machine) and is killed with SIGKILL right after it reports
 * its first finished sync (a counted kill point, not a timer; the syncs run side by side, so the others
 * are cut off mid-way). `--resume` then continues the same run: the finished sync is not redone, the
 * rest resume from their committed states, the transform builds once.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { createLogger } from '../../runner/common/logger';
import { parseLearnflowConfig } from '../../runner/config/load-config';
import { demoSources } from '../../runner/demo/demo-sources';
import { startDemoUpstreams, type DemoUpstreams } from '../../runner/demo/start-demo-upstreams';
import { openLakehouse } from '../../runner/lakehouse/lakehouse-connection';
import type { PipelineEvent } from '../../runner/pipeline/pipeline-events';
import { registerPipelineSections } from '../../runner/pipeline/pipeline-settings';
import { readRuns } from '../../runner/pipeline/read-status';
import { runPipeline } from '../../runner/pipeline/run-pipeline';
import { tempDir } from '../support/tmp';
import { demoPipelineConfig } from './support/demo-config';

const ROOT = path.resolve(__dirname, '..', '..');
const CONNECTIONS = ['mitxonline', 'xpro', 'mit_climate'];
/** Kill after this many finished syncs. */
const KILL_AFTER = 1;

function runUntilKilled(
  configFile: string,
  cwd: string,
  signal: NodeJS.Signals = 'SIGKILL',
): Promise<{ events: PipelineEvent[]; signal: string | null; code: number | null }> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      [
        '--require',
        require.resolve('tsx/cjs'),
        path.join(ROOT, 'runner/cli/main.ts'),
        'pipeline',
        'run',
        '--json',
        '--config',
        configFile,
      ],
      { cwd, stdio: ['ignore', 'pipe', 'pipe'], detached: true },
    );
    const events: PipelineEvent[] = [];
    let buf = '';
    let finishedSyncs = 0;
    child.stdout.on('data', (chunk: Buffer) => {
      buf += chunk.toString('utf8');
      let nl;
      while ((nl = buf.indexOf('\n')) >= 0) {
        const line = buf.slice(0, nl);
        buf = buf.slice(nl + 1);
        const e = JSON.parse(line) as PipelineEvent;
        events.push(e);
        if (e.event === 'step_finished' && e.kind === 'sync' && ++finishedSyncs === KILL_AFTER) {
          // SIGKILL: the whole process group, as a crash would; a signal to stop: the CLI alone, as Ctrl-C
          if (signal === 'SIGKILL') process.kill(-(child.pid as number), signal);
          else child.kill(signal);
        }
      }
    });
    child.stderr.resume();
    child.on('error', reject);
    child.on('close', (code, sig) => resolve({ events, signal: sig, code }));
  });
}

test('a pipeline run killed after its first sync resumes without redoing it', async () => {
  const { dir, cleanup } = tempDir('learnflow-pipeline-resume-');
  let upstreams: DemoUpstreams | undefined;
  try {
    upstreams = await startDemoUpstreams(
      demoSources().filter((s) => CONNECTIONS.includes(s.connection)),
      0,
    );
    const configFile = path.join(dir, 'learnflow.yml');
    const text = demoPipelineConfig(upstreams);
    fs.writeFileSync(configFile, text);

    const killed = await runUntilKilled(configFile, dir);
    expect(killed.signal).toBe('SIGKILL');
    // syncs run side by side: whichever finished first is the one that must not be redone
    const done = killed.events.filter((e) => e.event === 'step_finished').map((e) => e.step);
    expect(done).toHaveLength(1);
    expect(done[0]).toMatch(/^sync:/);
    const first = done[0].slice('sync:'.length);
    expect(CONNECTIONS).toContain(first);
    expect(killed.events.some((e) => e.event === 'pipeline_finished')).toBe(false);

    registerPipelineSections();
    const loaded = parseLearnflowConfig(text, configFile, process.env);
    const events: PipelineEvent[] = [];
    const result = await runPipeline({
      loaded,
      logger: createLogger({ level: 'warn', write: () => undefined }),
      reporter: { emit: (e) => events.push(e), close: () => undefined },
      resume: true,
    });
    expect(result.resumed).toBe(true);
    expect(result.status).toBe('succeeded');
    expect(result.syncs.map((s) => [s.connection, s.status, s.reused])).toEqual(
      CONNECTIONS.map((c) => [c, 'succeeded', c === first]),
    );
    expect(result.transform.status).toBe('succeeded');
    expect(Object.keys(result.built).length).toBeGreaterThan(0);
    const started = events.filter((e) => e.event === 'step_started').map((e) => e.step);
    expect(started).not.toContain(`sync:${first}`);

    const c = await openLakehouse(
      { engine: 'duckdb', path: path.join(dir, 'lakehouse.duckdb') },
      { baseDir: dir },
    );
    try {
      // one sync of the finished connection in the whole history: it was not redone
      const syncs = await c.query(
        'SELECT connection, count(*) AS n FROM learnflow.sync_runs GROUP BY 1 ORDER BY 1',
      );
      const perConnection = Object.fromEntries(syncs.map((r) => [String(r.connection), Number(r.n)]));
      expect(perConnection[first]).toBe(1);
      // one pipeline run, resumed once, now finished
      const runs = await readRuns(c);
      expect(runs).toHaveLength(1);
      expect(runs[0]).toMatchObject({ run_id: result.runId, status: 'succeeded', resumes: 1 });
      expect(runs[0].steps.map((s) => [s.step, s.status])).toEqual(
        expect.arrayContaining([
          ...CONNECTIONS.map((conn) => [`sync:${conn}`, 'succeeded']),
          ['transform', 'succeeded'],
          ['deliver', 'skipped'],
        ]),
      );
    } finally {
      await c.close();
    }

    // a --resume with nothing unfinished starts a fresh run that finds nothing new
    const again = await runPipeline({
      loaded,
      logger: createLogger({ level: 'warn', write: () => undefined }),
      reporter: { emit: () => undefined, close: () => undefined },
      resume: true,
    });
    expect(again.resumed).toBe(false);
    expect(again.runId).toBe(result.runId + 1);
    expect(again.transform.status).toBe('skipped');
  } finally {
    await upstreams?.close();
    cleanup();
  }
});

test('Ctrl-C stops the run after the step under way; --resume finishes it', async () => {
  const { dir, cleanup } = tempDir('learnflow-pipeline-sigint-');
  const connections = CONNECTIONS.slice(0, 2);
  let upstreams: DemoUpstreams | undefined;
  try {
    upstreams = await startDemoUpstreams(
      demoSources().filter((s) => connections.includes(s.connection)),
      0,
    );
    const text = demoPipelineConfig(upstreams);
    const configFile = path.join(dir, 'learnflow.yml');
    fs.writeFileSync(configFile, text);

    const stopped = await runUntilKilled(configFile, dir, 'SIGINT');
    expect(stopped.code).toBe(1);
    expect(stopped.events.at(-1)).toMatchObject({ event: 'pipeline_finished', status: 'failed' });
    // whether the second sync got to finish depends on where the signal landed: either way it is kept

    registerPipelineSections();
    const result = await runPipeline({
      loaded: parseLearnflowConfig(text, configFile, process.env),
      logger: createLogger({ level: 'warn', write: () => undefined }),
      reporter: { emit: () => undefined, close: () => undefined },
      resume: true,
    });
    expect(result).toMatchObject({ resumed: true, status: 'succeeded' });
    expect(result.syncs.map((s) => [s.connection, s.status])).toEqual(
      connections.map((c) => [c, 'succeeded']),
    );
    // the sync that finished before the signal is kept, whichever of the side-by-side syncs it was
    const keptFirst = stopped.events.find((e) => e.event === 'step_finished' && e.kind === 'sync');
    const kept = result.syncs.find((s) => `sync:${s.connection}` === (keptFirst as { step?: string }).step);
    expect(kept?.reused).toBe(true);
    expect(result.transform.status).toBe('succeeded');
  } finally {
    await upstreams?.close();
    cleanup();
  }
});
