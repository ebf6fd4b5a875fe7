import fs from 'node:fs';
import path from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { load } from 'js-yaml';
import { Client } from 'pg';
import { createTestDatabase } from '../support/pg';
import { loadSchemaSet } from '../../runner/schema/load-schema-set';
import { SCHEMA_DIR } from './support/schema-copy';
import { dbtContract } from '../../runner/schema/generate-dbt-contracts';

interface ContractColumn {
  name: string;
  data_type: string;
  constraints?: { type: string }[];
}
interface ContractFile {
  version: number;
  models: { name: string; config: { contract: { enforced: boolean } }; columns: ContractColumn[] }[];
}

const set = loadSchemaSet(SCHEMA_DIR);
const marts = set.entities.filter((e) => e.kind !== 'document');

function contract(engine: 'duckdb' | 'postgres', entity: string): ContractFile {
  return load(
    fs.readFileSync(path.join(SCHEMA_DIR, 'generated', 'dbt', engine, `${entity}.yml`), 'utf8'),
  ) as ContractFile;
}

function createSql(c: ContractFile): string {
  const m = c.models[0];
  const cols = m.columns.map(
    (col) =>
      `"${col.name}" ${col.data_type}${col.constraints?.some((k) => k.type === 'not_null') ? ' NOT NULL' : ''}`,
  );
  return `CREATE TABLE "${m.name}" (${cols.join(', ')})`;
}

describe('dbt column contracts', () => {
  it('one per mart and engine, enforced, with every column of the entity and its nullability', () => {
    for (const engine of ['duckdb', 'postgres'] as const) {
      for (const e of marts) {
        const c = contract(engine, e.name);
        expect(c.version).toBe(2);
        const m = c.models[0];
        expect(m.name).toBe(e.name);
        expect(m.config.contract.enforced).toBe(true);
        expect(m.columns.map((x) => x.name)).toEqual(
          e.columns.filter((x) => !x.appManaged).map((x) => x.name),
        );
        for (const col of e.columns.filter((x) => !x.appManaged)) {
          const cc = m.columns.find((x) => x.name === col.name)!;
          expect({ col: col.name, notNull: !!cc.constraints?.length }).toEqual({
            col: col.name,
            notNull: !col.nullable,
          });
        }
      }
    }
  });

  it('leave out the timestamps the app database maintains (they are in the DDL, not in the marts)', () => {
    const lr = contract('postgres', 'learning_resource').models[0].columns.map((c) => c.name);
    expect(lr).not.toContain('created_on');
    expect(lr).not.toContain('updated_on');
    expect(
      set
        .entity('learning_resource')!
        .columns.filter((c) => c.appManaged)
        .map((c) => c.name),
    ).toEqual(['created_on', 'updated_on']);
  });

  it('can be stamped on another model name (one contract, several integration models)', () => {
    const c = dbtContract(
      set,
      set.entity('learn_integration_resource')!,
      'duckdb',
      'integrations__learn__ocw_courses',
    ) as ContractFile;
    expect(c.models[0].name).toBe('integrations__learn__ocw_courses');
    expect(c.models[0].columns.map((x) => x.name)).toEqual(
      contract('duckdb', 'learn_integration_resource').models[0].columns.map((x) => x.name),
    );
  });

  it('spell DuckDB types DuckDB accepts', async () => {
    const db = await DuckDBInstance.create(':memory:');
    const conn = await db.connect();
    try {
      for (const e of marts) await conn.run(createSql(contract('duckdb', e.name)));
      const reader = await conn.runAndReadAll(
        `SELECT data_type FROM information_schema.columns WHERE table_name = 'learning_resource' AND column_name = 'prices'`,
      );
      expect(String(reader.getRows()[0][0])).toBe('DECIMAL(12,2)[]');
    } finally {
      conn.closeSync();
      db.closeSync();
    }
  });

  it('spell PostgreSQL types PostgreSQL accepts', async () => {
    const db = await createTestDatabase('schema_contracts');
    const client = new Client({ connectionString: db.url });
    await client.connect();
    try {
      for (const e of marts) await client.query(createSql(contract('postgres', e.name)));
      const { rows } = await client.query(
        `SELECT data_type FROM information_schema.columns WHERE table_name = 'learn_integration_resource' AND column_name = 'last_modified'`,
      );
      expect(rows[0].data_type).toBe('text');
    } finally {
      await client.end();
      await db.drop();
    }
  });
});
