import { Client } from 'pg';
import { createTestDatabase } from '../support/pg';
import { POSTGRES_DDL, TABLE_CREATION_ORDER } from '../../shared-schema/generated/postgres-ddl';
import { validateRecord } from '../../shared-schema/generated/validators';
import { FOREIGN_KEYS, PRIMARY_KEYS, UNIQUE_KEYS } from '../../shared-schema/generated/keys';
import type { TableName } from '../../shared-schema/generated/types';
import { loadSchemaSet } from '../../runner/schema/load-schema-set';
import { SCHEMA_DIR } from './support/schema-copy';
import { sampleRows } from './support/sample-rows';
import { insertRows, sqlState } from './support/insert-rows';

const set = loadSchemaSet(SCHEMA_DIR);
let db: Awaited<ReturnType<typeof createTestDatabase>>;
let client: Client;

beforeAll(async () => {
  db = await createTestDatabase('schema_ddl');
  client = new Client({ connectionString: db.url });
  await client.connect();
  await client.query(POSTGRES_DDL);
  // Applying it again is harmless: IF NOT EXISTS / OR REPLACE everywhere.
  await client.query(POSTGRES_DDL);
  const rows = sampleRows();
  for (const name of TABLE_CREATION_ORDER) {
    const records = (rows[name as TableName] ?? []) as unknown as Record<string, unknown>[];
    for (const r of records)
      expect({ name, violations: validateRecord(name, r) }).toEqual({ name, violations: [] });
    await insertRows(client, set.entity(name)!, records);
  }
});

afterAll(async () => {
  await client?.end();
  await db?.drop();
});

const table = (name: string) => set.entity(name)!;

describe('generated PostgreSQL DDL', () => {
  it('creates every table of the schema with its keys, foreign keys and indexes', async () => {
    const tables = set.entities.filter((e) => e.kind === 'table').map((e) => e.name);
    const { rows } = await client.query<{ table_name: string }>(
      `SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE'`,
    );
    expect(rows.map((r) => r.table_name).sort()).toEqual([...tables].sort());
    expect([...TABLE_CREATION_ORDER].sort()).toEqual([...tables].sort());

    const fks = await client.query<{ n: string }>(
      `SELECT count(*) AS n FROM information_schema.table_constraints WHERE constraint_type = 'FOREIGN KEY' AND table_schema = 'public'`,
    );
    expect(Number(fks.rows[0].n)).toBe(set.entities.reduce((n, e) => n + e.foreignKeys.length, 0));
    const uniques = await client.query<{ n: string }>(
      `SELECT count(*) AS n FROM information_schema.table_constraints WHERE constraint_type = 'UNIQUE' AND table_schema = 'public'`,
    );
    expect(Number(uniques.rows[0].n)).toBe(set.entities.reduce((n, e) => n + e.unique.length, 0));
    const idx = await client.query(
      `SELECT indexname FROM pg_indexes WHERE indexname = 'topic_lower_name_key'`,
    );
    expect(idx.rowCount).toBe(1);
  });

  it('has exactly the keys the generated keys module lists', async () => {
    const { rows } = await client.query<{ tbl: string; contype: string; cols: string[] }>(`
      SELECT c.conrelid::regclass::text AS tbl, c.contype,
             array_agg(a.attname::text ORDER BY k.ord) AS cols
      FROM pg_constraint c
      CROSS JOIN LATERAL unnest(c.conkey) WITH ORDINALITY AS k(attnum, ord)
      JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = k.attnum
      WHERE c.contype IN ('p', 'u', 'f') AND c.connamespace = 'public'::regnamespace
      GROUP BY c.oid, c.conrelid, c.contype`);
    const got = (t: string, type: string) =>
      rows
        .filter((r) => r.tbl === t && r.contype === type)
        .map((r) => r.cols.join(','))
        .sort();
    for (const e of set.entities.filter((x) => x.kind === 'table')) {
      const name = e.name as TableName;
      expect({ name, pk: got(name, 'p') }).toEqual({ name, pk: [PRIMARY_KEYS[name].join(',')] });
      expect({ name, u: got(name, 'u') }).toEqual({
        name,
        u: UNIQUE_KEYS[name].map((u) => u.join(',')).sort(),
      });
      expect({ name, f: got(name, 'f') }).toEqual({
        name,
        f: FOREIGN_KEYS[name].map((f) => f.columns.join(',')).sort(),
      });
    }
  });

  it('orders tables so every foreign key points at a table created earlier', () => {
    const pos = new Map(TABLE_CREATION_ORDER.map((t, i) => [t as string, i]));
    for (const e of set.entities.filter((x) => x.kind === 'table')) {
      for (const fk of e.foreignKeys) {
        if (fk.references.entity !== e.name)
          expect(pos.get(fk.references.entity)!).toBeLessThan(pos.get(e.name)!);
      }
    }
  });

  it('stores the sample catalog, arrays and JSON included', async () => {
    const { rows } = await client.query(
      `SELECT r.delivery, r.prices::text AS prices, c.course_numbers FROM learning_resource r JOIN course c ON c.learning_resource_id = r.id WHERE r.id = 1`,
    );
    expect(rows[0].delivery).toEqual(['online']);
    expect(rows[0].prices).toBe('{0.00,75.50}');
    expect(rows[0].course_numbers[0].department.department_id).toBe('6');
    const defaults = await client.query(
      `SELECT certification_type, test_mode, pace, created_on FROM learning_resource WHERE id = 2`,
    );
    expect(defaults.rows[0]).toMatchObject({ certification_type: 'none', test_mode: false, pace: [] });
    expect(defaults.rows[0].created_on).toBeInstanceOf(Date);
  });

  it('rejects foreign key violations', async () => {
    const lr = {
      id: 90,
      readable_id: 'x',
      title: 'x',
      resource_type: 'course',
      etl_source: 'ocw',
      published: true,
    };
    expect(
      await sqlState(() => insertRows(client, table('learning_resource'), [{ ...lr, platform_id: 'nope' }])),
    ).toBe('23503');
    expect(
      await sqlState(() =>
        insertRows(client, table('learning_resource_run'), [
          { id: 90, learning_resource_id: 999, run_id: 'r', published: true },
        ]),
      ),
    ).toBe('23503');
    expect(
      await sqlState(() =>
        insertRows(client, table('resource_topic'), [{ learning_resource_id: 1, topic_id: 999 }]),
      ),
    ).toBe('23503');
    expect(
      await sqlState(() =>
        insertRows(client, table('department'), [{ department_id: 'XX', name: 'x', school_id: 77 }]),
      ),
    ).toBe('23503');
    expect(
      await sqlState(() => insertRows(client, table('topic'), [{ id: 90, name: 'Orphan', parent_id: 999 }])),
    ).toBe('23503');
    expect(
      await sqlState(() =>
        insertRows(client, table('feed_item'), [{ id: 90, guid: 'g-90', source_id: 999, title: 't' }]),
      ),
    ).toBe('23503');
  });

  it('rejects unique key violations', async () => {
    const dupResource = {
      id: 91,
      readable_id: 'course-v1:MITxT+6.00.1x',
      title: 'again',
      resource_type: 'course',
      platform_id: 'mitxonline',
      etl_source: 'mitxonline',
      published: true,
    };
    expect(await sqlState(() => insertRows(client, table('learning_resource'), [dupResource]))).toBe('23505');
    // The same readable id as another resource type is a different resource.
    expect(
      await sqlState(() =>
        insertRows(client, table('learning_resource'), [{ ...dupResource, resource_type: 'program' }]),
      ),
    ).toBeUndefined();
    expect(
      await sqlState(() =>
        insertRows(client, table('learning_resource_run'), [
          { id: 92, learning_resource_id: 1, run_id: 'course-v1:MITxT+6.00.1x+2T2026', published: true },
        ]),
      ),
    ).toBe('23505');
    expect(
      await sqlState(() => insertRows(client, table('instructor'), [{ id: 92, full_name: 'Ana Bell' }])),
    ).toBe('23505');
    expect(await sqlState(() => insertRows(client, table('topic'), [{ id: 92, name: 'MATHEMATICS' }]))).toBe(
      '23505',
    );
    expect(
      await sqlState(() =>
        insertRows(client, table('feed_item'), [
          { id: 92, guid: 'https://news.mit.edu/2026/story-1', source_id: 1, title: 'dup' },
        ]),
      ),
    ).toBe('23505');
    expect(await sqlState(() => insertRows(client, table('offeror'), [{ code: 'see', name: 'MITx' }]))).toBe(
      '23505',
    );
    expect(
      await sqlState(() =>
        insertRows(client, table('resource_topic'), [{ learning_resource_id: 1, topic_id: 2 }]),
      ),
    ).toBe('23505');
  });

  it('rejects a content file attached to both a run and a resource (check constraint)', async () => {
    const row = { id: 93, run_id: 12, learning_resource_id: 3, key: 'both', published: true };
    expect(await sqlState(() => insertRows(client, table('content_file'), [row]))).toBe('23514');
  });

  it('rejects a missing required column (NOT NULL)', async () => {
    expect(
      await sqlState(() => insertRows(client, table('feed_source'), [{ id: 93, title: 't', url: 'u' }])),
    ).toBe('23502');
  });

  it('serves the integration contract as a view of the same tables', async () => {
    const { rows } = await client.query(`SELECT * FROM learn_integration_resource ORDER BY readable_id`);
    const course = rows.find((r) => r.readable_id === 'course-v1:MITxT+6.00.1x');
    expect(course).toEqual({
      readable_id: 'course-v1:MITxT+6.00.1x',
      title: 'Introduction to Computer Science and Programming Using Python',
      last_modified: '2026-08-01T12:00:00Z',
      etl_source: 'mitxonline',
      resource_type: 'course',
      description: null,
      url: 'https://mitxonline.mit.edu/courses/course-v1:MITxT+6.00.1x/',
      image_url: 'https://example.org/6.0001.jpg',
      topics: 'Computer Science, Engineering',
      instructors: 'Ana Bell, Eric Grimson',
      departments: '6',
      courses: null,
      runs:
        'course-v1:MITxT+6.00.1x+1T2026|2026-01-10T15:00:00Z||false;' +
        'course-v1:MITxT+6.00.1x+2T2026|2026-06-01T15:00:00Z|2026-09-01T15:00:00Z|true',
    });
    const program = rows.find((r) => r.readable_id === 'program-v1:MITx+CS');
    expect(program.courses).toBe('course-v1:MITxT+6.00.1x, 18.06');
    expect(program.last_modified).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
    for (const r of rows) expect(validateRecord('learn_integration_resource', r)).toEqual([]);
  });
});
