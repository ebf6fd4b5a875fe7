import { DatabaseError } from '../adapters/database-error';
import { ENGINES, openTestEngine, type TestEngine } from '../adapters/testing/test-engines';
import { materialize, rowsOf } from './testing/materialize';

describe.each(ENGINES)('view and table on %s', (type) => {
  let engine: TestEngine;
  beforeAll(async () => {
    engine = await openTestEngine(type);
  });
  afterAll(() => engine.close());

  it('builds a view, then replaces it with a table and back', async () => {
    const { adapter } = engine;
    const v = await materialize(adapter, 'm_switch', "select 1 as id, 'a' as name", { materialized: 'view' });
    expect(v.message).toBe('CREATE VIEW');
    expect(await adapter.getRelation('analytics', 'm_switch')).toMatchObject({ type: 'view' });
    const t = await materialize(
      adapter,
      'm_switch',
      'select 1 as id union all select 2 as id -- trailing comment',
      {
        materialized: 'table',
      },
    );
    expect(t.message).toBe('SELECT 2');
    expect(await adapter.getRelation('analytics', 'm_switch')).toMatchObject({ type: 'table' });
    expect(await rowsOf(adapter, 'analytics.m_switch')).toEqual(['{"id":1}', '{"id":2}']);
    await materialize(adapter, 'm_switch', 'select 3 as id;', { materialized: 'view' });
    expect(await adapter.getRelation('analytics', 'm_switch')).toMatchObject({ type: 'view' });
    expect(await rowsOf(adapter, 'analytics.m_switch')).toEqual(['{"id":3}']);
    const names = (await adapter.listRelations('analytics')).map((r) => r.identifier);
    expect(names.filter((n) => n.startsWith('m_switch'))).toEqual(['m_switch']);
  });

  it('accepts CTEs, ORDER BY / LIMIT, comments and a trailing semicolon in the model SQL', async () => {
    const { adapter } = engine;
    const sql = `-- leading comment
with a as (select 1 as id union all select 2 as id union all select 3 as id)
select id from a order by id desc limit 2 -- trailing comment
;
`;
    for (const materialized of ['view', 'table', 'incremental']) {
      await materialize(adapter, `m_cte_${materialized}`, sql, { materialized });
      expect(await rowsOf(adapter, `analytics.m_cte_${materialized}`)).toEqual(['{"id":2}', '{"id":3}']);
    }
  });

  it('leaves the old relation whole when the new SQL fails', async () => {
    const { adapter } = engine;
    for (const materialized of ['table', 'view']) {
      const name = `m_atomic_${materialized}`;
      await materialize(adapter, name, 'select 1 as id union all select 2 as id', { materialized });
      const err = await materialize(adapter, name, 'select id from analytics.does_not_exist', {
        materialized,
      }).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(DatabaseError);
      expect(await adapter.getRelation('analytics', name)).toMatchObject({ type: materialized });
      expect(await rowsOf(adapter, `analytics.${name}`)).toEqual(['{"id":1}', '{"id":2}']);
      // The next run cleans up and succeeds.
      await materialize(adapter, name, 'select 5 as id', { materialized });
      expect(await rowsOf(adapter, `analytics.${name}`)).toEqual(['{"id":5}']);
    }
  });

  it('names scratch relations with the injected generator', async () => {
    const { adapter } = engine;
    const r = await materialize(
      adapter,
      'm_named',
      'select 1 as id',
      { materialized: 'table' },
      {
        tempName: (rel, suffix) => ({
          ...rel,
          identifier: `lf_${suffix.replace(/_/g, '')}_${rel.identifier}`,
        }),
      },
    );
    expect(r.executed.join('\n')).toContain('"lf_dbttmp_m_named"');
    expect(r.executed.join('\n')).not.toContain('__dbt_tmp');
  });

  it('applies indexes and grants where the engine has them (PostgreSQL)', async () => {
    const { adapter } = engine;
    const role = `lf_reader_${process.pid}`;
    if (type === 'postgres') await adapter.execute(`CREATE ROLE ${role}`);
    try {
      const config = {
        materialized: 'table',
        indexes: [
          { columns: ['id'], unique: true },
          { columns: ['name'], type: 'hash' },
        ],
        grants: { select: [role] },
      };
      for (let run = 0; run < 2; run += 1)
        await materialize(adapter, 'm_indexed', "select 1 as id, 'a' as name", config);
      if (type === 'postgres') {
        const idx = await adapter.execute(
          "SELECT indexdef FROM pg_indexes WHERE schemaname = 'analytics' AND tablename = 'm_indexed' ORDER BY indexdef",
        );
        expect(idx.rows.map((r) => String(r.indexdef).replace(/INDEX \S+ ON/, 'INDEX ON'))).toEqual([
          'CREATE INDEX ON analytics.m_indexed USING hash (name)',
          'CREATE UNIQUE INDEX ON analytics.m_indexed USING btree (id)',
        ]);
        const priv = await adapter.execute(
          `SELECT has_table_privilege('${role}', 'analytics.m_indexed', 'SELECT') AS ok`,
        );
        expect(priv.rows[0].ok).toBe(true);
      }
      expect(await rowsOf(adapter, 'analytics.m_indexed')).toEqual(['{"id":1,"name":"a"}']);
    } finally {
      if (type === 'postgres') {
        await adapter.execute('DROP TABLE analytics.m_indexed');
        await adapter.execute(`DROP ROLE ${role}`);
      }
    }
  });

  it('runs rendered hooks around the build, in another schema', async () => {
    const { adapter } = engine;
    const r = await materialize(
      adapter,
      'm_hooks',
      'select 1 as id',
      { materialized: 'table', schema: 'other' },
      {
        preHooks: ['create table other.hook_log (msg varchar)'],
        postHooks: ["insert into other.hook_log values ('done')"],
      },
    );
    expect(r.executed[0]).toMatch(/hook_log/);
    expect(await rowsOf(adapter, 'other.hook_log')).toEqual(['{"msg":"done"}']);
  });
});
