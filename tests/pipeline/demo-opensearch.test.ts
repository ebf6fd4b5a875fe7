/**
 * `npm run demo` with OPENSEARCH_URL set: the Learn marts are delivered to OpenSearch too (documents behind
 * one alias per resource type, read back through the official client), the summary says what went there
 * and what it holds, and a second run with no upstream change writes nothing to it. The first run takes
 * every connection (the `learning_resource` mart needs all of its sources); the second only one, to stay
 * quick: it syncs, finds nothing new, and must skip both delivery targets. The search target is the
 * in-process OpenSearch-compatible server (tests/support/opensearch-server.ts prints which one ran).
 */
import path from 'node:path';
import { Client } from '@opensearch-project/opensearch';
import { memoryLogger } from '../../runner/common/logger';
import { formatDemoSummary } from '../../runner/demo/format-demo-summary';
import { runDemo } from '../../runner/demo/run-demo';
import { startSearchTarget, type FakeOpenSearch } from '../support/opensearch-server';
import { createTestDatabase } from '../support/pg';
import { tempDir } from '../support/tmp';

const ROOT = path.resolve(__dirname, '..', '..');

test('the demo delivers to OpenSearch when OPENSEARCH_URL is set, and nothing new on a second run', async () => {
  const { dir, cleanup } = tempDir('learnflow-demo-opensearch-');
  const db = await createTestDatabase('demo_os');
  let os: FakeOpenSearch | undefined;
  try {
    os = await startSearchTarget();
    const env = { ...process.env, OPENSEARCH_URL: os.url };
    const run = (select?: string[]) =>
      runDemo({
        rootDir: ROOT,
        demoDir: dir,
        logger: memoryLogger('warn'),
        reporter: { emit: () => undefined, close: () => undefined },
        ...(select ? { select } : {}),
        postgresUrl: db.url,
        env,
      });

    const first = await run();
    const p1 = first.pipeline;
    expect(p1.status).toBe('succeeded');
    expect(p1.delivery).toMatchObject({
      status: 'succeeded',
      message: expect.stringMatching(/opensearch: \d+ written/),
    });
    const written = Object.entries(p1.delivery.delivered)
      .filter(([k]) => k.startsWith('opensearch:'))
      .map(([k, n]) => [k.slice('opensearch:'.length), n] as const);
    expect(written.length).toBeGreaterThan(0);

    // what landed, read back with the official client: one index behind each alias, documents in each
    const client = new Client({ node: os.url });
    const held: Record<string, number> = {};
    try {
      const indexes = (await client.indices.get({ index: 'learnflow_demo_*' })).body as Record<
        string,
        { aliases: Record<string, unknown> }
      >;
      const aliases = Object.values(indexes).flatMap((i) => Object.keys(i.aliases));
      expect(aliases.length).toBe(Object.keys(indexes).length);
      for (const alias of aliases) held[alias] = (await client.count({ index: alias })).body.count as number;
    } finally {
      await client.close();
    }
    for (const [alias, n] of written) {
      expect(held[alias]).toBeGreaterThan(0);
      expect(held[alias]).toBeLessThanOrEqual(n); // a first delivery only inserts
    }
    expect(held.learnflow_demo_course_default).toBeGreaterThan(0);
    // the summary: what was written, what OpenSearch holds
    expect(first.opensearch).toEqual({
      aliases: Object.entries(held)
        .sort(([a], [b]) => a.localeCompare(b))
        .map(([alias, documents]) => ({ alias, documents })),
    });
    const text = formatDemoSummary(first, ROOT);
    const total = written.reduce((a, [, n]) => a + n, 0);
    expect(text).toContain(`OpenSearch (${os.url}): ${total} document(s) written this run`);
    for (const [alias, n] of Object.entries(held)) expect(text).toMatch(new RegExp(`${alias}\\s+${n}\\n`));

    // nothing changed upstream: nothing written to OpenSearch, which still holds the same
    const writes = os.stats.writes;
    const second = await run(['mitxonline']);
    expect(second.pipeline.status).toBe('succeeded');
    expect(second.pipeline.transform.status).toBe('skipped');
    expect(second.pipeline.delivery.delivered).toEqual({});
    expect(second.pipeline.delivery.message).toMatch(/opensearch: no mart changed since the last delivery/);
    expect(os.stats.writes).toBe(writes);
    expect(second.opensearch).toEqual(first.opensearch);
    expect(formatDemoSummary(second, ROOT)).toContain(`OpenSearch (${os.url}): nothing new written this run`);
  } finally {
    await os?.close();
    await db.drop();
    cleanup();
  }
});
