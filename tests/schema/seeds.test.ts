import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { load } from 'js-yaml';
import { Client } from 'pg';
import { createTestDatabase } from '../support/pg';
import { POSTGRES_DDL } from '../../shared-schema/generated/postgres-ddl';
import { validateRecord } from '../../shared-schema/generated/validators';
import type { EntityName } from '../../shared-schema/generated/types';
import { loadSchemaSet } from '../../runner/schema/load-schema-set';
import type { Entity } from '../../runner/schema/schema-model';
import { SCHEMA_DIR } from './support/schema-copy';
import { insertRows } from './support/insert-rows';

const PROJECT = path.join(__dirname, '..', '..', 'transforms', 'learn');
const SEEDS = path.join(PROJECT, 'seeds');
const set = loadSchemaSet(SCHEMA_DIR);

/** Seed file → entity, in an order where foreign keys resolve. */
const SEED_ENTITIES: [string, EntityName, number][] = [
  ['schools', 'school', 6],
  ['departments', 'department', 37],
  ['platforms', 'platform', 21],
  ['offerors', 'offeror', 7],
  ['topics', 'topic', 109],
  ['topic_mappings', 'topic_mapping', 443],
];

/** A CSV cell as the entity's column expects it: numbers, booleans, JSON arrays; empty is null. */
function typed(entity: Entity, row: Record<string, string>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(row)) {
    const col = entity.columns.find((c) => c.name === k);
    if (!col) throw new Error(`${entity.name} has no column ${k}`);
    if (v === '') {
      if (col.nullable) out[k] = null;
      continue;
    }
    const kind = col.type.kind;
    if (kind === 'array') out[k] = JSON.parse(v);
    else if (kind === 'boolean') out[k] = v === 'true' ? true : v === 'false' ? false : v;
    else if (kind === 'bigint' || kind === 'integer' || kind === 'double' || kind === 'decimal')
      out[k] = Number(v);
    else out[k] = v;
  }
  return out;
}

function readSeed(name: string): Record<string, string>[] {
  return parse(fs.readFileSync(path.join(SEEDS, `${name}.csv`), 'utf8'), {
    columns: true,
    skip_empty_lines: true,
  });
}

describe('lookup seeds', () => {
  it('every row of every seed is a valid record of its entity', () => {
    for (const [seed, entity, count] of SEED_ENTITIES) {
      const e = set.entity(entity)!;
      const rows = readSeed(seed).map((r) => typed(e, r));
      expect({ seed, count: rows.length }).toEqual({ seed, count });
      for (const [i, r] of rows.entries()) {
        expect({ seed, row: i + 1, violations: validateRecord(entity, r) }).toEqual({
          seed,
          row: i + 1,
          violations: [],
        });
      }
    }
  });

  it('cover the enums: every platform code and every offeror code', () => {
    const platformCodes = readSeed('platforms')
      .map((r) => r.code)
      .sort();
    expect(platformCodes).toEqual(
      [...(set.entity('platform')!.columns.find((c) => c.name === 'code')!.schema.enum as string[])].sort(),
    );
    const offerorCodes = readSeed('offerors')
      .map((r) => r.code)
      .sort();
    expect(offerorCodes).toEqual(
      [...(set.entity('offeror')!.columns.find((c) => c.name === 'code')!.schema.enum as string[])].sort(),
    );
  });

  it('flatten the topic tree: two levels, parents before children', () => {
    const topics = readSeed('topics');
    const ids = new Map(topics.map((t, i) => [t.id, i]));
    const parents = topics.filter((t) => t.parent_id === '');
    expect(parents.length).toBeGreaterThan(10);
    for (const [i, t] of topics.entries()) {
      if (!t.parent_id) continue;
      expect(ids.get(t.parent_id)!).toBeLessThan(i);
      expect(topics[ids.get(t.parent_id)!].parent_id).toBe('');
    }
  });

  it('declare a column type for every seed column in dbt_project.yml', () => {
    const project = load(fs.readFileSync(path.join(PROJECT, 'dbt_project.yml'), 'utf8')) as any;
    expect(project.name).toBe('learn');
    for (const [seed] of SEED_ENTITIES) {
      const header = Object.keys(readSeed(seed)[0]);
      expect(Object.keys(project.seeds.learn[seed]['+column_types']).sort()).toEqual([...header].sort());
    }
  });

  describe('in the app tables', () => {
    let db: Awaited<ReturnType<typeof createTestDatabase>>;
    let client: Client;
    beforeAll(async () => {
      db = await createTestDatabase('schema_seeds');
      client = new Client({ connectionString: db.url });
      await client.connect();
      await client.query(POSTGRES_DDL);
    });
    afterAll(async () => {
      await client?.end();
      await db?.drop();
    });

    it('load into the generated DDL with every foreign key and unique key satisfied', async () => {
      for (const [seed, entity, count] of SEED_ENTITIES) {
        const e = set.entity(entity)!;
        await insertRows(
          client,
          e,
          readSeed(seed).map((r) => typed(e, r)),
        );
        const { rows } = await client.query(`SELECT count(*)::int AS n FROM "${entity}"`);
        expect({ seed, n: rows[0].n }).toEqual({ seed, n: count });
      }
      const { rows } = await client.query(
        `SELECT p.name AS parent, count(*)::int AS n FROM topic c JOIN topic p ON p.id = c.parent_id GROUP BY p.name ORDER BY p.name LIMIT 1`,
      );
      expect(rows[0].n).toBeGreaterThan(0);
      const offerings = await client.query(`SELECT offerings FROM offeror WHERE code = 'mitx'`);
      expect(offerings.rows[0].offerings).toEqual(['Courses', 'Programs']);
    });
  });
});
