/** `learnflow lakehouse export`: raw tables to Parquet (one folder per stream), read back with DuckDB. */
import fs from 'node:fs';
import path from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { LakehouseDestination } from '../../connectors/destination-lakehouse/src/lakehouse-destination';
import { ENGINES, createTarget, type Target } from './support/lakehouse-targets';
import { configured, feed, record, state, status } from './support/messages';
import { memoryConnectorLogger } from './support/memory-connector-logger';
import { learnflow, writeConfig } from './support/sync-project';

async function readParquet(file: string) {
  const db = await DuckDBInstance.create(':memory:');
  const c = await db.connect();
  try {
    const r = await c.runAndReadAll(
      `SELECT id, title, price, CAST(tags AS VARCHAR) AS tags, CAST(_airbyte_raw_id AS VARCHAR) AS raw_id FROM read_parquet('${file}') ORDER BY id`,
    );
    return r.getRowObjectsJS().map((row) => ({ ...row, id: Number(row.id) }) as Record<string, unknown>);
  } finally {
    c.closeSync();
    db.closeSync();
  }
}

describe.each(ENGINES)('lakehouse export on %s', (engine) => {
  let t: Target;
  beforeAll(async () => {
    t = await createTarget(engine);
    const msgs = [
      ...Array.from({ length: 40 }, (_, i) =>
        record('courses', {
          id: i + 1,
          seq: i + 1,
          title: `c"${i}\\'\n`,
          price: i / 2,
          tags: ['x', `y${i}`],
          owner: { n: i },
        }),
      ),
      state('courses', 40),
      status('courses', 'COMPLETE'),
      record('programs', { id: 1, title: 'p' }),
      state('programs', 1),
    ];
    const d = new LakehouseDestination();
    const streams = [configured('courses', 'append'), configured('programs', 'overwrite')];
    for await (const _m of d.write(
      { backend: t.backend as never, source_name: 'demo' },
      { streams },
      feed(msgs),
      memoryConnectorLogger(),
    ));
    writeConfig(t, {});
  });
  afterAll(async () => {
    await t.cleanup();
  });

  test('typed tables: one folder per stream, same rows when read back; unfinished refresh staging left out', async () => {
    const out = path.join(t.dir, 'export');
    const r = await learnflow(t, ['lakehouse', 'export', '--out', out, '--json']);
    expect([r.code, r.stderr.slice(-500)]).toEqual([0, expect.any(String)]);
    const done = JSON.parse(r.stdout) as { table: string; rows: number; file: string }[];
    expect(done.map((d) => [d.table, d.rows])).toEqual([
      ['raw__demo__courses', 40],
      ['raw__demo__programs', 0],
    ]);
    expect(fs.readdirSync(out).sort()).toEqual(['raw__demo__courses', 'raw__demo__programs']);
    const back = await readParquet(path.join(out, 'raw__demo__courses', 'part-0.parquet'));
    const stored = await t.query(
      'SELECT id, title, price, CAST(tags AS VARCHAR) AS tags, CAST(_airbyte_raw_id AS VARCHAR) AS raw_id FROM raw.raw__demo__courses ORDER BY id',
    );
    expect(back.map((b) => [b.id, b.title, b.price, JSON.parse(String(b.tags)), b.raw_id])).toEqual(
      stored.map((s) => [s.id, s.title, s.price, JSON.parse(String(s.tags)), s.raw_id]),
    );
  });

  test('raw layer (Destinations V2 tables), one table', async () => {
    const out = path.join(t.dir, 'export-raw');
    const r = await learnflow(t, [
      'lakehouse',
      'export',
      '--layer',
      'raw',
      '--table',
      'raw_demo__courses',
      '--out',
      out,
    ]);
    expect(r.code).toBe(0);
    const db = await DuckDBInstance.create(':memory:');
    const c = await db.connect();
    const rows = (
      await c.runAndReadAll(
        `SELECT COUNT(*) AS n, COUNT(DISTINCT _airbyte_raw_id) AS ids, MIN(json_extract(CAST(_airbyte_data AS JSON), '$.id')::INT) AS lo FROM read_parquet('${out}/raw_demo__courses/part-0.parquet')`,
      )
    ).getRowObjectsJS();
    c.closeSync();
    db.closeSync();
    expect(rows).toEqual([{ n: 40n, ids: 40n, lo: 1 }]);
    const bad = await learnflow(t, ['lakehouse', 'export', '--table', 'nope', '--out', out]);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(/no stream table 'nope'/);
  });
});
