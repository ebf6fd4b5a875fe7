import { Client } from '@opensearch-project/opensearch';
import { memoryLogger } from '../../runner/common/logger';
import { openLakehouse, type LakehouseConnection } from '../../runner/lakehouse/lakehouse-connection';
import { DeliveryError, MassDeleteError } from '../../runner/deliver/delivery-error';
import { writeBulk, chunkOps, type BulkOp } from '../../runner/deliver/sinks/opensearch-bulk';
import { deliverToOpenSearch } from '../../runner/deliver/sinks/opensearch-sink';
import { startSearchTarget, type FakeOpenSearch } from '../support/opensearch-server';
import { buildLearnMarts } from './learn-marts';

async function addContentFiles(lake: LakehouseConnection, resources: number): Promise<void> {
  await lake.exec(
    `CREATE OR REPLACE TABLE marts.content_file AS SELECT CAST(100000 + r.id AS BIGINT) AS id, r.id AS run_id, ` +
      `CAST(NULL AS BIGINT) AS learning_resource_id, 'file-' || r.id AS key, 'Notes ' || r.id AS title, ` +
      `'lecture text ' || r.id AS content, true AS published FROM marts.learning_resource_run r WHERE r.id % 5 = 0 AND r.id <= ${resources}`,
  );
}

describe('OpenSearch target', () => {
  let lake: LakehouseConnection;
  let os: FakeOpenSearch;
  let version = 0;
  const logger = memoryLogger();

  beforeAll(async () => {
    lake = await openLakehouse({ engine: 'duckdb', path: ':memory:' }, { baseDir: '/' });
    os = await startSearchTarget();
  });
  afterAll(async () => {
    await os.close();
    await lake.close();
  });

  const deliver = (opts: { rebuild?: boolean; allowMassDelete?: boolean } = {}) =>
    deliverToOpenSearch({
      url: os.url,
      indexPrefix: 'learn',
      replicas: 0,
      rebuild: opts.rebuild ?? false,
      version: ++version,
      lakehouse: lake,
      martsSchema: 'marts',
      logger,
      allowMassDelete: opts.allowMassDelete ?? false,
      maxDeleteShare: 0.2,
      backoffMs: 1,
      maxBulkBytes: 64 * 1024,
    });

  it('indexes each resource type behind its alias, content files as routed children', async () => {
    await buildLearnMarts(lake, { resources: 400 });
    await addContentFiles(lake, 400);
    const counts = await deliver();
    expect(counts.learn_course_default!.inserted).toBe(360 + 80); // courses + their content files
    expect(counts.learn_program_default!.inserted).toBe(40);
    const client = new Client({ node: os.url });
    const alias = await client.indices.getAlias({ name: 'learn_course_default' });
    expect(Object.keys(alias.body)).toHaveLength(1);
    const doc = await client.get({ index: 'learn_course_default', id: '1' });
    expect(doc.body._source).toMatchObject({
      id: 1,
      readable_id: 'course-v1:MITx+1',
      resource_relations: { name: 'resource' },
    });
    expect((doc.body._source as any).platform).toEqual({ code: 'ocw', name: 'OCW' });
    const cf = os.documents('learn_course_default').get('cf_100005')!;
    expect(cf.routing).toBe('5');
    expect(cf.source.resource_relations).toEqual({ name: 'content_file', parent: '5' });
    expect(os.stats.bulkRequests).toBeGreaterThan(2); // bodies bounded by maxBulkBytes
    await client.close();
  });

  it('writes only changed documents, deletes removed ones, survives 429 items and 503 requests', async () => {
    await buildLearnMarts(lake, { resources: 400, version: 2 });
    await addContentFiles(lake, 400);
    os.rejectNextItems(3);
    os.failNextRequests(1);
    const writesBefore = os.stats.writes;
    const counts = await deliver();
    // 4 titles changed (id % 100 = 0, all courses); 2 removed (1, 201: courses) with no content files
    expect(counts.learn_course_default).toMatchObject({ inserted: 0, updated: 4, deleted: 2 });
    expect(counts.learn_program_default).toMatchObject({ inserted: 0, updated: 0, deleted: 0 });
    expect(os.stats.writes - writesBefore).toBe(6);
    expect(os.documents('learn_course_default').has('1')).toBe(false);
    expect(os.documents('learn_course_default').get('100')!.source.title).toBe('Course 100 (revised)');
    const again = await deliver();
    expect(again.learn_course_default).toMatchObject({ inserted: 0, updated: 0, deleted: 0, unchanged: 438 });
  });

  it('rebuilds into a new backing index and swaps the alias atomically', async () => {
    const before = Object.keys(
      (await new Client({ node: os.url }).indices.getAlias({ name: 'learn_course_default' })).body,
    )[0];
    const counts = await deliver({ rebuild: true });
    expect(counts.learn_course_default!.inserted).toBe(438);
    const after = [...os.aliases.get('learn_course_default')!];
    expect(after).toHaveLength(1);
    expect(after[0]).not.toBe(before);
    expect(os.indexes.has(before!)).toBe(false);
    expect(os.documents('learn_course_default').size).toBe(438);
    expect(os.indexes.get(after[0]!)!.settings.refresh_interval).toBe('60s'); // restored after the load
  });

  it('refuses a mass delete', async () => {
    await buildLearnMarts(lake, { resources: 400, version: 2, removeIds: (id) => id > 100 });
    await expect(deliver()).rejects.toThrow(MassDeleteError);
    expect(os.documents('learn_course_default').size).toBe(438);
  });

  it('bulk: acknowledges good items, never retries mapping errors, bounds bodies', async () => {
    const index = [...os.aliases.get('learn_course_default')!][0]!;
    const ops: BulkOp[] = [
      { action: 'index', index, id: 'x1', version: 99, source: { id: 1, title: 'ok' } },
      { action: 'index', index, id: 'x2', version: 99, source: { id: 2, no_such_field: 1 } },
      { action: 'delete', index, id: 'missing', version: 99 },
      { action: 'index', index, id: '2', version: 1, source: { id: 2, title: 'stale' } },
    ];
    const acked: string[] = [];
    const client = new Client({ node: os.url, maxRetries: 0 });
    await expect(
      writeBulk(ops, {
        client,
        where: 'test',
        backoffMs: 1,
        onAcknowledged: async (a) => void acked.push(...a.map((o) => o.id)),
      }),
    ).rejects.toThrow(DeliveryError);
    expect(acked.sort()).toEqual(['2', 'missing', 'x1']);
    expect(os.documents(index).get('2')!.source.title).not.toBe('stale');
    const many = Array.from({ length: 100 }, (_, i) => ({
      ...ops[0]!,
      id: `y${i}`,
      source: { title: 'z'.repeat(1000) },
    }));
    const chunks = chunkOps(many, 10 * 1024, 5000);
    expect(chunks.length).toBeGreaterThan(5);
    for (const c of chunks) expect(Buffer.byteLength(c.body)).toBeLessThanOrEqual(10 * 1024);
    await client.close();
  });
});
