/**
 * Kill in the middle of the transform step, then resume: `learnflow pipeline run --json` runs as a child
 * process with LEARNFLOW_TEST_TRANSFORM_CRASH=<n>, which SIGKILLs it right after the n-th model/test of
 * the transform finished (a counted kill point, not a timer). `--resume` must then run only the nodes the
 * killed run had not finished, keep the rest, and end with the same tables as an uninterrupted run of the
 * same data (built in a second lakehouse, from the same upstream).
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
import { runPipeline, type PipelineResult } from '../../runner/pipeline/run-pipeline';
import { tableColumns } from '../../runner/pipeline/table-fingerprint';
import { tempDir } from '../support/tmp';
import { demoPipelineConfig } from './support/demo-config';

const ROOT = path.resolve(__dirname, '..', '..');
const CONNECTIONS = ['mitxonline'];
/** The child kills itself after this many transform nodes finished. */
const CRASH_AFTER = 6;

type NodeFinished = Extract<PipelineEvent, { event: 'node_finished' }>;

function runCli(
  configFile: string,
  cwd: string,
  env: NodeJS.ProcessEnv,
): Promise<{ events: PipelineEvent[]; signal: string | null }> {
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
      { cwd, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, ...env } },
    );
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString('utf8')));
    child.stderr.resume();
    child.on('error', reject);
    child.on('close', (_code, signal) =>
      resolve({
        events: out
          .split('\n')
          .filter((l) => l.trim())
          .map((l) => JSON.parse(l) as PipelineEvent),
        signal,
      }),
    );
  });
}

async function inProcess(text: string, configFile: string, resume: boolean) {
  registerPipelineSections();
  const events: PipelineEvent[] = [];
  const result = await runPipeline({
    loaded: parseLearnflowConfig(text, configFile, process.env),
    logger: createLogger({ level: 'warn', write: () => undefined }),
    reporter: { emit: (e) => events.push(e), close: () => undefined },
    resume,
  });
  return { result, events };
}

const finished = (events: PipelineEvent[]): NodeFinished[] =>
  events.filter((e): e is NodeFinished => e.event === 'node_finished');

/** Columns that carry the sync's clock (when a record was extracted): they differ between two lakehouses. */
const SYNC_TIME = /(^_airbyte_|extracted_at)/;

/**
 * Every table the transform built, by content: row count and an order-independent hash per column
 * (without the sync-time columns), so a difference names the column.
 */
async function builtTables(dir: string, result: PipelineResult): Promise<Record<string, string>> {
  const c = await openLakehouse(
    { engine: 'duckdb', path: path.join(dir, 'lakehouse.duckdb') },
    { baseDir: dir },
  );
  try {
    const out: Record<string, string> = {};
    for (const rel of Object.keys(result.built).sort()) {
      const [schema, table] = rel.split('.');
      const rows = await c.query(`SELECT count(*) AS n FROM ${c.quote(schema)}.${c.quote(table)}`);
      out[rel] = String(rows[0]?.n);
      for (const col of await tableColumns(c, schema, table)) {
        if (SYNC_TIME.test(col)) continue;
        const [h] = await c.query(
          `SELECT CAST(COALESCE(bit_xor(hash(${c.quote(col)})), 0) AS VARCHAR) AS h FROM ${c.quote(schema)}.${c.quote(table)}`,
        );
        out[`${rel}.${col}`] = String(h?.h);
      }
    }
    return out;
  } finally {
    await c.close();
  }
}

test('a run killed in the middle of the transform resumes with only the nodes it had not finished', async () => {
  const killedDir = tempDir('learnflow-transform-resume-');
  const cleanDir = tempDir('learnflow-transform-clean-');
  let upstreams: DemoUpstreams | undefined;
  try {
    upstreams = await startDemoUpstreams(
      demoSources().filter((s) => CONNECTIONS.includes(s.connection)),
      0,
    );
    const text = demoPipelineConfig(upstreams);
    const killedConfig = path.join(killedDir.dir, 'learnflow.yml');
    const cleanConfig = path.join(cleanDir.dir, 'learnflow.yml');
    fs.writeFileSync(killedConfig, text);
    fs.writeFileSync(cleanConfig, text);

    // 1. killed right after the CRASH_AFTER-th node of the transform
    const killed = await runCli(killedConfig, killedDir.dir, {
      LEARNFLOW_TEST_TRANSFORM_CRASH: String(CRASH_AFTER),
    });
    expect(killed.signal).toBe('SIGKILL');
    const steps = killed.events.filter((e) => e.event === 'step_finished').map((e) => e.step);
    expect(steps).toEqual(CONNECTIONS.map((c) => `sync:${c}`));
    const doneBefore = finished(killed.events);
    expect(doneBefore).toHaveLength(CRASH_AFTER);
    expect(doneBefore.every((e) => ['success', 'pass'].includes(e.status))).toBe(true);
    expect(killed.events.some((e) => e.event === 'pipeline_finished')).toBe(false);

    // 2. --resume: the syncs and the finished nodes are kept, only the rest runs
    const resumed = await inProcess(text, killedConfig, true);
    expect(resumed.result).toMatchObject({ resumed: true, status: 'succeeded' });
    expect(resumed.result.transform.status).toBe('succeeded');
    expect(resumed.events.filter((e) => e.event === 'step_started').map((e) => e.step)).toEqual([
      'transform',
    ]);
    const kept = finished(resumed.events).filter((e) => e.reused);
    const ran = finished(resumed.events).filter((e) => !e.reused);
    expect(kept.map((e) => e.node).sort()).toEqual(doneBefore.map((e) => e.node).sort());
    expect(ran.some((e) => doneBefore.some((d) => d.node === e.node))).toBe(false);
    expect(ran.every((e) => ['success', 'pass'].includes(e.status))).toBe(true);

    // 3. an uninterrupted run of the same data runs exactly those nodes, and builds the same tables
    const clean = await inProcess(text, cleanConfig, false);
    expect(clean.result.status).toBe('succeeded');
    const all = finished(clean.events)
      .map((e) => e.node)
      .sort();
    expect(ran.length).toBe(all.length - CRASH_AFTER);
    expect(ran.length).toBeGreaterThan(0);
    expect([...kept, ...ran].map((e) => e.node).sort()).toEqual(all);
    expect(Object.keys(resumed.result.built).sort()).toEqual(Object.keys(clean.result.built).sort());
    expect(await builtTables(killedDir.dir, resumed.result)).toEqual(
      await builtTables(cleanDir.dir, clean.result),
    );
    // the journal is gone once the step is recorded
    expect(fs.existsSync(path.join(killedDir.dir, '.learnflow', 'pipeline', 'transform-run-1.jsonl'))).toBe(
      false,
    );
  } finally {
    await upstreams?.close();
    killedDir.cleanup();
    cleanDir.cleanup();
  }
});
