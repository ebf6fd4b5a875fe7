/**
 * `learnflow deliver` from the command line, killed with SIGKILL at seeded points (no timing): a re-run
 * leaves every target identical to an uninterrupted delivery.
 */
import { spawn } from 'node:child_process';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import fs from 'node:fs';
import path from 'node:path';
import { Client } from 'pg';
import { memoryLogger } from '../../runner/common/logger';
import { openLakehouse } from '../../runner/lakehouse/lakehouse-connection';
import { CRASH_ENV } from '../../runner/deliver/crash-point';
import { signBody } from '../../runner/deliver/sinks/webhook-sink';
import { listDeliveries } from '../../runner/deliver/delivery-history';
import { runDelivery } from '../../runner/deliver/run-delivery';
import { startSearchTarget, type FakeOpenSearch } from '../support/opensearch-server';
import { createTestDatabase } from '../support/pg';
import { tempDir } from '../support/tmp';
import { buildLearnMarts } from './learn-marts';

const bin = path.join(__dirname, '..', '..', 'bin', 'learnflow');

function cli(cwd: string, args: string[], env: Record<string, string> = {}) {
  return new Promise<{ code: number | null; signal: string | null; stdout: string; stderr: string }>(
    (resolve) => {
      const child = spawn(process.execPath, [bin, ...args], {
        cwd,
        env: { ...process.env, LF_TEST_WEBHOOK_SECRET: SECRET, ...env },
      });
      let stdout = '';
      let stderr = '';
      child.stdout.on('data', (d) => (stdout += d));
      child.stderr.on('data', (d) => (stderr += d));
      child.on('close', (code, signal) => resolve({ code, signal, stdout, stderr }));
    },
  );
}

async function snapshot(url: string): Promise<Record<string, unknown[]>> {
  const c = new Client({ connectionString: url });
  await c.connect();
  const out: Record<string, unknown[]> = {};
  for (const t of [
    'platform',
    'offeror',
    'topic',
    'learning_resource',
    'learning_resource_run',
    'resource_topic',
  ]) {
    const rows = (await c.query(`SELECT * FROM ${t} ORDER BY 1, 2`)).rows;
    out[t] = rows.map(({ created_on: _c, updated_on: _u, ...rest }) => rest);
  }
  await c.end();
  return out;
}

const SECRET = 'resume-webhook-secret';

/** The app's webhook: keeps, per group, the last verified batch (what the app's state would be). */
async function startApp() {
  const groups = new Map<string, string>();
  const server = http.createServer((req, res) => {
    let body = '';
    req.on('data', (d) => (body += d));
    req.on('end', () => {
      if (req.headers['x-mitlearn-signature'] !== signBody(body, SECRET)) return res.writeHead(403).end();
      const batch = JSON.parse(body) as { resources: { etl_source: string; resource_type: string }[] };
      const r = batch.resources[0]!;
      groups.set(`${r.etl_source}/${r.resource_type}`, JSON.stringify(batch.resources));
      res.writeHead(200).end('{}');
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    groups,
    close: () => new Promise<void>((r) => server.close(() => r())),
  };
}

function docs(os: FakeOpenSearch, alias: string) {
  return Object.fromEntries([...os.documents(alias)].map(([id, d]) => [id, { s: d.source, r: d.routing }]));
}

describe('learnflow deliver: resume after kill -9', () => {
  let tmp: ReturnType<typeof tempDir>;
  let crashDb: Awaited<ReturnType<typeof createTestDatabase>>;
  let refDb: Awaited<ReturnType<typeof createTestDatabase>>;
  let os: FakeOpenSearch;
  let refOs: FakeOpenSearch;
  let app: Awaited<ReturnType<typeof startApp>>;
  let refApp: Awaited<ReturnType<typeof startApp>>;
  const logger = memoryLogger();

  beforeAll(async () => {
    tmp = tempDir('learnflow-deliver-');
    crashDb = await createTestDatabase('deliver_crash');
    refDb = await createTestDatabase('deliver_ref');
    os = await startSearchTarget();
    refOs = await startSearchTarget();
    app = await startApp();
    refApp = await startApp();
    fs.writeFileSync(
      path.join(tmp.dir, 'learnflow.yml'),
      [
        'lakehouse:',
        '  engine: duckdb',
        '  path: lake.duckdb',
        'deliver:',
        '  marts_schema: marts',
        '  postgres:',
        `    url: ${crashDb.url}`,
        '  opensearch:',
        `    url: ${os.url}`,
        '    replicas: 0',
        '  webhook:',
        `    url: ${app.url}`,
        '    secret_env: LF_TEST_WEBHOOK_SECRET',
        '',
      ].join('\n'),
    );
  });
  afterAll(async () => {
    await os.close();
    await refOs.close();
    await app.close();
    await refApp.close();
    await crashDb.drop();
    await refDb.drop();
    tmp.cleanup();
  });

  async function build(version: 1 | 2) {
    const lake = await openLakehouse(
      { engine: 'duckdb', path: path.join(tmp.dir, 'lake.duckdb') },
      { baseDir: tmp.dir },
    );
    await buildLearnMarts(lake, { resources: 300, version });
    // the uninterrupted reference, into the other targets (its own run history lives in a separate lakehouse)
    const refLake = await openLakehouse({ engine: 'duckdb', path: ':memory:' }, { baseDir: tmp.dir });
    await buildLearnMarts(refLake, { resources: 300, version });
    for (const target of ['postgres', 'opensearch', 'webhook'] as const)
      await runDelivery({
        target,
        lakehouse: refLake,
        logger,
        env: { LF_TEST_WEBHOOK_SECRET: SECRET },
        settings: {
          postgres: { url: refDb.url },
          opensearch: { url: refOs.url, replicas: 0 },
          webhook: { url: refApp.url, secret_env: 'LF_TEST_WEBHOOK_SECRET' },
        },
      });
    await refLake.close();
    await lake.close();
  }

  async function crashThenResume(target: string, point: string) {
    const crashed = await cli(tmp.dir, ['deliver', '--target', target], { [CRASH_ENV]: point });
    expect(crashed.signal).toBe('SIGKILL');
    const resumed = await cli(tmp.dir, ['deliver', '--target', target, '--json']);
    expect(resumed.stderr).not.toMatch(/ERROR/);
    expect(resumed.code).toBe(0);
    return JSON.parse(resumed.stdout.trim().split('\n').pop()!) as { objects: Record<string, any> }[];
  }

  it('PostgreSQL: killed inside and between group transactions', async () => {
    await build(1);
    await crashThenResume('postgres', 'postgres:after-commit:lookups');
    expect(await snapshot(crashDb.url)).toEqual(await snapshot(refDb.url));
    await build(2);
    await crashThenResume('postgres', 'postgres:after-copy:learning_resource');
    expect(await snapshot(crashDb.url)).toEqual(await snapshot(refDb.url));
  });

  it('PostgreSQL: killed right before the commit of a group', async () => {
    const lake = await openLakehouse(
      { engine: 'duckdb', path: path.join(tmp.dir, 'lake.duckdb') },
      { baseDir: tmp.dir },
    );
    await buildLearnMarts(lake, { resources: 300, version: 2, unpublishIds: [3] });
    await lake.close();
    const [report] = await crashThenResume('postgres', 'postgres:before-commit:resources');
    expect(report!.objects.learning_resource).toMatchObject({ updated: 1, inserted: 0 });
    await build(2);
    const again = await cli(tmp.dir, ['deliver', '--target', 'postgres']);
    expect(again.stdout).toMatch(/learning_resource: 0 inserted, 1 updated/);
    expect(await snapshot(crashDb.url)).toEqual(await snapshot(refDb.url));
  });

  it('OpenSearch: killed after an acknowledged bulk and after an alias swap', async () => {
    await build(2);
    await crashThenResume('opensearch', 'opensearch:rebuild-bulk:course');
    expect(os.documents('learn_course_default').size).toBe(refOs.documents('learn_course_default').size);
    expect(docs(os, 'learn_course_default')).toEqual(docs(refOs, 'learn_course_default'));
    await build(1);
    await crashThenResume('opensearch', 'opensearch:after-bulk:course');
    expect(docs(os, 'learn_course_default')).toEqual(docs(refOs, 'learn_course_default'));
    const crashed = await cli(tmp.dir, ['deliver', '--target', 'opensearch', '--rebuild'], {
      [CRASH_ENV]: 'opensearch:after-swap:course',
    });
    expect(crashed.signal).toBe('SIGKILL');
    expect([...os.indexes.keys()].filter((i) => i.startsWith('learn_course_'))).toHaveLength(2);
    const resumed = await cli(tmp.dir, ['deliver', '--target', 'opensearch']);
    expect(resumed.code).toBe(0);
    expect([...os.indexes.keys()].filter((i) => i.startsWith('learn_course_'))).toHaveLength(1);
    expect(docs(os, 'learn_course_default')).toEqual(docs(refOs, 'learn_course_default'));
    expect(docs(os, 'learn_program_default')).toEqual(docs(refOs, 'learn_program_default'));
  });

  it('webhook: killed after the app acknowledged a batch', async () => {
    await crashThenResume('webhook', 'webhook:after-post:mitxonline/course');
    expect(app.groups.size).toBe(3);
    expect(Object.fromEntries(app.groups)).toEqual(Object.fromEntries(refApp.groups));
  });

  it('keeps every delivery in the run history', async () => {
    const lake = await openLakehouse(
      { engine: 'duckdb', path: path.join(tmp.dir, 'lake.duckdb') },
      { baseDir: tmp.dir },
    );
    const runs = await listDeliveries(lake, 50);
    await lake.close();
    expect(runs.filter((r) => r.status === 'succeeded').length).toBeGreaterThanOrEqual(5);
    expect(runs.some((r) => r.status === 'running')).toBe(true); // the killed ones never finished
    const withObjects = runs.find((r) => (r.objects as unknown[]).length > 0)!;
    expect(withObjects.objects).toEqual(
      expect.arrayContaining([expect.objectContaining({ object: expect.any(String) })]),
    );
  });
});
