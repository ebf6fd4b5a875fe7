import fs from 'node:fs';
import path from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { Client } from 'pg';
import { createTestDatabase } from '../support/pg';
import { tempDir } from '../support/tmp';
import { POSTGRES_DDL } from '../../shared-schema/generated/postgres-ddl';
import { runCli } from './support/run-cli';

const REPO = path.join(__dirname, '..', '..');
const COUNTS: Record<string, number> = {
  platforms: 21,
  offerors: 7,
  schools: 6,
  departments: 37,
  topics: 109,
  topic_mappings: 443,
};

let scratch: ReturnType<typeof tempDir>;
beforeEach(() => (scratch = tempDir('learnflow-seed-')));
afterEach(() => scratch.cleanup());

function writeProfile(body: string): string {
  fs.writeFileSync(
    path.join(scratch.dir, 'profiles.yml'),
    `learn:\n  target: t\n  outputs:\n    t:\n${body}`,
  );
  return scratch.dir;
}

describe('learnflow transform seed --project-dir transforms/learn', () => {
  it('loads every lookup seed into DuckDB with the declared column types', async () => {
    const file = path.join(scratch.dir, 'learn.duckdb');
    const profiles = writeProfile(`      type: duckdb\n      path: ${file}\n      schema: main\n`);
    const r = await runCli(
      ['transform', 'seed', '--project-dir', 'transforms/learn', '--profiles-dir', profiles],
      REPO,
    );
    expect(r.code).toBe(0);
    const db = await DuckDBInstance.create(file);
    const conn = await db.connect();
    try {
      for (const [seed, n] of Object.entries(COUNTS)) {
        const rows = (await conn.runAndReadAll(`SELECT count(*)::INTEGER FROM main.${seed}`)).getRows();
        expect({ seed, n: Number(rows[0][0]) }).toEqual({ seed, n });
      }
      const types = (
        await conn.runAndReadAll(
          `SELECT table_name || '.' || column_name, data_type FROM information_schema.columns
           WHERE (table_name, column_name) IN (('departments', 'department_id'), ('platforms', 'is_edx'), ('topics', 'parent_id'))
           ORDER BY 1`,
        )
      ).getRows();
      expect(types.map((t) => `${String(t[0])} ${String(t[1])}`)).toEqual([
        'departments.department_id VARCHAR',
        'platforms.is_edx BOOLEAN',
        'topics.parent_id BIGINT',
      ]);
    } finally {
      conn.closeSync();
      db.closeSync();
    }
  });

  it('loads them into PostgreSQL, from where they fill the app tables of the generated DDL', async () => {
    const db = await createTestDatabase('schema_seed');
    const u = new URL(db.url);
    const profiles = writeProfile(
      `      type: postgres\n      host: ${u.hostname}\n      port: ${u.port}\n      user: ${decodeURIComponent(u.username)}\n      password: ${decodeURIComponent(u.password)}\n      dbname: ${db.name}\n      schema: seeds\n`,
    );
    const client = new Client({ connectionString: db.url });
    await client.connect();
    try {
      const r = await runCli(
        ['transform', 'seed', '--project-dir', 'transforms/learn', '--profiles-dir', profiles],
        REPO,
      );
      expect(r.code).toBe(0);
      await client.query(POSTGRES_DDL);
      const arr = (c: string) => `ARRAY(SELECT jsonb_array_elements_text(${c}::jsonb))`;
      await client.query(`
        INSERT INTO school (id, name, url) SELECT id, name, url FROM seeds.schools;
        INSERT INTO department (department_id, name, school_id) SELECT department_id, name, school_id FROM seeds.departments;
        INSERT INTO platform (code, name, url, is_edx, has_content_files) SELECT code, name, url, is_edx, has_content_files FROM seeds.platforms;
        INSERT INTO offeror (code, name, professional, offerings, audience, formats, fee, certifications, content_types, more_information, value_prop)
          SELECT code, name, professional, ${arr('offerings')}, ${arr('audience')}, ${arr('formats')}, ${arr('fee')},
                 ${arr('certifications')}, ${arr('content_types')}, more_information, value_prop FROM seeds.offerors;
        INSERT INTO topic (id, topic_uuid, name, parent_id, icon) SELECT id, topic_uuid::uuid, name, parent_id, icon FROM seeds.topics ORDER BY id;
        INSERT INTO topic_mapping (id, topic_id, offeror_id, topic_name) SELECT id, topic_id, offeror_id, topic_name FROM seeds.topic_mappings;
      `);
      for (const [seed, table] of [
        ['platforms', 'platform'],
        ['offerors', 'offeror'],
        ['schools', 'school'],
        ['departments', 'department'],
        ['topics', 'topic'],
        ['topic_mappings', 'topic_mapping'],
      ]) {
        const { rows } = await client.query(`SELECT count(*)::int AS n FROM public.${table}`);
        expect({ seed, n: rows[0].n }).toEqual({ seed, n: COUNTS[seed] });
      }
    } finally {
      await client.end();
      await db.drop();
    }
  });
});
