import { Client } from 'pg';
import { memoryLogger } from '../../runner/common/logger';
import { openLakehouse, type LakehouseConnection } from '../../runner/lakehouse/lakehouse-connection';
import { MassDeleteError } from '../../runner/deliver/delivery-error';
import { deliverToPostgres } from '../../runner/deliver/sinks/postgres-sink';
import { createTestDatabase } from '../support/pg';
import { buildLearnMarts } from './learn-marts';

describe('PostgreSQL target', () => {
  let lake: LakehouseConnection;
  let db: Awaited<ReturnType<typeof createTestDatabase>>;
  let pg: Client;
  const logger = memoryLogger();

  beforeAll(async () => {
    lake = await openLakehouse({ engine: 'duckdb', path: ':memory:' }, { baseDir: '/' });
    db = await createTestDatabase('deliver_pg');
    pg = new Client({ connectionString: db.url });
    await pg.connect();
  });
  afterAll(async () => {
    await pg.end();
    await lake.close();
    await db.drop();
  });

  const deliver = (allowMassDelete = false) =>
    deliverToPostgres({
      url: db.url,
      lakehouse: lake,
      martsSchema: 'marts',
      logger,
      allowMassDelete,
      maxDeleteShare: 0.2,
    });
  const count = async (sql: string) => Number((await pg.query(sql)).rows[0].n);

  it('loads in full, then writes only what changed, then nothing', async () => {
    await buildLearnMarts(lake, { resources: 1000 });
    await lake.exec(
      `UPDATE marts.learning_resource SET title = 'Quote " back\\slash, comma 😀', ` +
        `languages = ['en', 'a"b', 'c\\d', NULL, 'x,y'], description = NULL WHERE id = 7`,
    );
    const first = await deliver();
    expect(first.learning_resource).toMatchObject({ inserted: 1000, updated: 0, deleted: 0 });
    expect(first.learning_resource_run!.inserted).toBe(1000);
    expect(first.platform!.inserted).toBe(2);
    expect(await count('SELECT count(*) AS n FROM learning_resource')).toBe(1000);
    expect(await count('SELECT count(*) AS n FROM learn_integration_resource')).toBe(1000);
    const seven = (
      await pg.query(
        'SELECT title, languages, description, prices::text[] AS prices, professional, last_modified FROM learning_resource WHERE id = 7',
      )
    ).rows[0];
    expect(seven).toEqual({
      title: 'Quote " back\\slash, comma 😀',
      languages: ['en', 'a"b', 'c\\d', null, 'x,y'],
      description: null,
      prices: ['7.00'],
      professional: true,
      last_modified: new Date('2026-01-08T00:00:00Z'),
    });

    // identity sequences follow explicit ids
    const next = await pg.query(
      "INSERT INTO learning_resource (readable_id, title, etl_source, resource_type, published) VALUES ('x', 'x', 'x', 'course', true) RETURNING id",
    );
    expect(Number(next.rows[0].id)).toBe(1001);
    await pg.query('DELETE FROM learning_resource WHERE id = 1001');

    const tuples = async () =>
      count(
        "SELECT n_tup_upd + n_tup_ins + n_tup_del AS n FROM pg_stat_user_tables WHERE relname = 'learning_resource'",
      );
    await buildLearnMarts(lake, { resources: 1000, version: 2 });
    const second = await deliver();
    // 10 revised titles, and id 7 back to its generated values
    expect(second.learning_resource).toMatchObject({ inserted: 0, updated: 11, deleted: 0, unpublished: 5 });
    expect(second.learning_resource_run).toMatchObject({ inserted: 0, updated: 0, deleted: 5 });
    expect(second.resource_topic).toMatchObject({ deleted: 5 });
    expect(second.platform).toMatchObject({ inserted: 0, updated: 0, unchanged: 2 });
    expect(await count("SELECT count(*) AS n FROM learning_resource WHERE title LIKE '%(revised)'")).toBe(10);
    expect(await count('SELECT count(*) AS n FROM learning_resource WHERE NOT published')).toBe(5);
    expect(await count('SELECT count(*) AS n FROM learning_resource_run')).toBe(995);

    const before = await tuples();
    const third = await deliver();
    for (const c of Object.values(third)) expect(c.inserted + c.updated + c.deleted + c.unpublished).toBe(0);
    expect(await tuples()).toBe(before);
  });

  it('refuses a mass unpublish unless allowed', async () => {
    await buildLearnMarts(lake, { resources: 1000, version: 2, removeIds: (id) => id % 3 === 0 });
    await expect(deliver()).rejects.toThrow(MassDeleteError);
    await expect(deliver()).rejects.toThrow(/--allow-mass-delete/);
    expect(await count('SELECT count(*) AS n FROM learning_resource WHERE NOT published')).toBe(5);
    const forced = await deliver(true);
    expect(forced.learning_resource!.unpublished).toBe(331);
  });

  it('refuses removing every resource of a source', async () => {
    await buildLearnMarts(lake, {
      resources: 1000,
      version: 2,
      sources: ['mitxonline', 'ocw'],
      removeIds: () => false,
    });
    await deliver(true);
    await buildLearnMarts(lake, { resources: 1000, version: 2, removeIds: (id) => id % 2 === 1 });
    await expect(deliver()).rejects.toThrow(/ocw|mitxonline/);
  });
});
