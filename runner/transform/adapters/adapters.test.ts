import { spawn } from 'node:child_process';
import path from 'node:path';
import { tempDir } from '../../../tests/support/tmp';
import { serverUrl } from '../../../tests/support/pg';
import { memoryLogger } from '../../common/logger';
import { DatabaseError } from './database-error';
import { createAdapter } from './create-adapter';
import { ENGINES, openTestEngine, postgresTarget, type TestEngine } from './testing/test-engines';

describe.each(ENGINES)('%s adapter', (type) => {
  let engine: TestEngine;
  beforeAll(async () => {
    engine = await openTestEngine(type);
  });
  afterAll(() => engine.close());

  it('returns rows as plain JavaScript values', async () => {
    const { adapter } = engine;
    const result = await adapter.execute(
      `SELECT CAST(1 AS INTEGER) AS i, CAST(9007199254740993 AS BIGINT) AS big, CAST(1.25 AS DECIMAL(10,2)) AS dec,
        CAST(2.5 AS DOUBLE PRECISION) AS dbl, 'x' AS s, TRUE AS b, NULL AS n, DATE '2020-01-02' AS d,
        CAST('2020-01-02 03:04:05' AS TIMESTAMP) AS ts`,
    );
    expect(result.rows).toEqual([
      {
        i: 1,
        big: '9007199254740993',
        dec: 1.25,
        dbl: 2.5,
        s: 'x',
        b: true,
        n: null,
        d: '2020-01-02',
        ts: new Date('2020-01-02T03:04:05Z'),
      },
    ]);
    expect(result.columns.map((c) => c.name)).toEqual(['i', 'big', 'dec', 'dbl', 's', 'b', 'n', 'd', 'ts']);
  });

  it('introspects relations and columns, and counts changed rows', async () => {
    const { adapter } = engine;
    await adapter.execute(
      'CREATE TABLE analytics.things (id INTEGER, name VARCHAR(20), amount NUMERIC(10,2))',
    );
    await adapter.execute('CREATE VIEW analytics.things_v AS SELECT id FROM analytics.things');
    const inserted = await adapter.execute("INSERT INTO analytics.things VALUES (1, 'a', 1.5), (2, 'b', 2)");
    expect(inserted.rowsAffected).toBe(2);
    expect(await adapter.getRelation('analytics', 'things')).toMatchObject({
      schema: 'analytics',
      identifier: 'things',
      type: 'table',
    });
    expect(await adapter.getRelation('analytics', 'things_v')).toMatchObject({ type: 'view' });
    expect(await adapter.getRelation('analytics', 'missing')).toBeNull();
    const cols = await adapter.getColumns({ schema: 'analytics', identifier: 'things' });
    expect(cols.map((c) => c.name)).toEqual(['id', 'name', 'amount']);
    expect(cols[2].dataType.toLowerCase()).toMatch(/^(numeric|decimal)\(10,2\)$/);
    expect((await adapter.listRelations('analytics')).map((r) => r.identifier)).toEqual([
      'things',
      'things_v',
    ]);
  });

  it('rolls a failed transaction back, DDL included', async () => {
    const { adapter } = engine;
    await expect(
      adapter.transaction(async (tx) => {
        await tx.execute('CREATE TABLE analytics.half_built (id INTEGER)');
        await tx.execute('SELECT * FROM analytics.no_such_table');
      }),
    ).rejects.toBeInstanceOf(DatabaseError);
    expect(await adapter.getRelation('analytics', 'half_built')).toBeNull();
    const committed = await adapter.transaction(async (tx) => {
      await tx.execute('CREATE TABLE analytics.built (id INTEGER)');
      return (await tx.execute('INSERT INTO analytics.built VALUES (1)')).rowsAffected;
    });
    expect(committed).toBe(1);
    expect(await adapter.getRelation('analytics', 'built')).not.toBeNull();
  });

  it('wraps database errors with the message and the SQL', async () => {
    const err = await engine.adapter.execute('SELECT * FROM analytics.nope_nope').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(DatabaseError);
    expect((err as DatabaseError).sql).toBe('SELECT * FROM analytics.nope_nope');
    expect((err as DatabaseError).dbMessage).toMatch(/nope_nope/);
    expect((err as DatabaseError).message).toMatch(/^Database Error: /);
  });

  it('loads string rows into typed columns, NULLs and quotes included', async () => {
    const { adapter } = engine;
    await adapter.createSchema('seeds');
    await adapter.execute(
      'CREATE TABLE seeds.people (id INTEGER, name TEXT, ok BOOLEAN, born DATE, score DOUBLE PRECISION)',
    );
    const rows = Array.from({ length: 2500 }, (_, i) => [
      String(i),
      i === 3 ? null : `n"a,m'e ${i}`,
      i % 2 ? 'true' : 'false',
      '2020-01-31',
      '1.5',
    ]);
    const n = await adapter.loadRows(
      { schema: 'seeds', identifier: 'people' },
      [
        { name: 'id', dataType: '' },
        { name: 'name', dataType: '' },
        { name: 'ok', dataType: '' },
        { name: 'born', dataType: '' },
        { name: 'score', dataType: '' },
      ],
      rows,
    );
    expect(n).toBe(2500);
    const r = await adapter.execute(
      'SELECT count(*) AS c, count(name) AS named, sum(CASE WHEN ok THEN 1 ELSE 0 END) AS oks FROM seeds.people',
    );
    expect(r.rows[0]).toEqual({ c: 2500, named: 2499, oks: 1250 });
    const one = await adapter.execute('SELECT name, born FROM seeds.people WHERE id = 7');
    expect(one.rows[0]).toEqual({ name: `n"a,m'e 7`, born: '2020-01-31' });
  });

  it('runs statements from several callers at once', async () => {
    const { adapter } = engine;
    expect(adapter.capabilities.maxConcurrency).toBe(4);
    const results = await Promise.all(
      Array.from({ length: 12 }, (_, i) => adapter.execute(`SELECT ${i} AS v`)),
    );
    expect(results.map((r) => r.rows[0].v)).toEqual(Array.from({ length: 12 }, (_, i) => i));
  });
});

describe('postgres adapter secrets', () => {
  it('never shows the password in errors or logs', async () => {
    const logger = memoryLogger('debug');
    const target = postgresTarget(serverUrl(), { password: 'sup3r-secret-pw', threads: 1 });
    const err = await createAdapter(target, logger).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(DatabaseError);
    const text = `${(err as Error).message} ${(err as DatabaseError).where ?? ''} ${JSON.stringify(err)}`;
    expect(text).not.toContain('sup3r-secret-pw');
    logger.info(`connecting with sup3r-secret-pw`);
    expect(logger.lines.join('\n')).not.toContain('sup3r-secret-pw');
  });
});

describe('postgres adapter options', () => {
  it('sets search_path per connection', async () => {
    const adapter = await createAdapter(
      postgresTarget(serverUrl(), { search_path: 'public', threads: 1 }),
      memoryLogger(),
    );
    try {
      const { rows } = await adapter.execute("SELECT current_setting('search_path') AS p");
      expect(rows[0].p).toBe('public');
      expect(adapter.capabilities.supportsMerge).toBe(true);
    } finally {
      await adapter.close();
    }
  });
});

describe('duckdb file sharing', () => {
  it('shares one database between adapters of the same file in a process', async () => {
    const tmp = tempDir('learnflow-duck-');
    try {
      const target = {
        name: 'dev',
        type: 'duckdb' as const,
        schema: 'main',
        path: path.join(tmp.dir, 'shared.duckdb'),
      };
      const a = await createAdapter(target, memoryLogger());
      const b = await createAdapter(target, memoryLogger());
      await a.execute('CREATE TABLE shared_t AS SELECT 42 AS answer');
      expect((await b.execute('SELECT answer FROM shared_t')).rows).toEqual([{ answer: 42 }]);
      await a.close();
      expect((await b.execute('SELECT answer FROM shared_t')).rows).toEqual([{ answer: 42 }]);
      await b.close();
      const c = await createAdapter(target, memoryLogger());
      expect(await c.getRelation('main', 'shared_t')).toMatchObject({ database: 'shared', type: 'table' });
      await c.close();
    } finally {
      tmp.cleanup();
    }
  });
});

describe('duckdb file locking', () => {
  it('says clearly that another process holds the file', async () => {
    const tmp = tempDir('learnflow-duck-');
    try {
      const file = path.join(tmp.dir, 'held.duckdb');
      const script = `const {DuckDBInstance}=require('@duckdb/node-api');
DuckDBInstance.create(${JSON.stringify(file)}).then(async (i)=>{const c=await i.connect();await c.run('create table t(x int)');
process.stdout.write('ready\\n');process.stdin.on('data',()=>process.exit(0));});`;
      const child = spawn(process.execPath, ['-e', script], {
        cwd: process.cwd(),
        stdio: ['pipe', 'pipe', 'inherit'],
      });
      await new Promise<void>((resolve) => child.stdout.once('data', () => resolve()));
      try {
        const err = await createAdapter(
          { name: 'dev', type: 'duckdb', schema: 'main', path: file },
          memoryLogger(),
        ).catch((e: unknown) => e);
        expect(err).toBeInstanceOf(DatabaseError);
        expect((err as DatabaseError).message).toMatch(/in use by another process/);
        expect((err as DatabaseError).retryable).toBe(true);
      } finally {
        child.stdin.write('x');
        await new Promise((resolve) => child.once('exit', resolve));
      }
      const adapter = await createAdapter(
        { name: 'dev', type: 'duckdb', schema: 'main', path: file },
        memoryLogger(),
      );
      expect(await adapter.getRelation('main', 't')).toMatchObject({ type: 'table' });
      await adapter.close();
    } finally {
      tmp.cleanup();
    }
  });
});
