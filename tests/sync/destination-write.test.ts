/**
 * destination-lakehouse's write loop against real DuckDB and PostgreSQL: the Destinations V2 layout, the
 * three sync modes, generations, state echoes after commit, schema violations, and failures.
 */
import { Client } from 'pg';
import type { AirbyteMessage, ConfiguredAirbyteStream } from '../../connectors/cdk/protocol';
import { memoryConnectorLogger } from './support/memory-connector-logger';
import { LakehouseDestination } from '../../connectors/destination-lakehouse/src/lakehouse-destination';
import { ConnectorError } from '../../connectors/cdk/errors';
import { writeMessages } from '../../connectors/destination-lakehouse/src/write-messages';
import { planStream } from '../../connectors/destination-lakehouse/src/stream-plan';
import { resolveLakehouseConfig } from '../../connectors/destination-lakehouse/src/lakehouse-config';
import { openBackend } from '../../connectors/destination-lakehouse/src/open-backend';
import { ENGINES, createTarget, type Target } from './support/lakehouse-targets';
import { configured, feed, record, state, status } from './support/messages';

async function write(
  t: Target,
  streams: ConfiguredAirbyteStream[],
  messages: AirbyteMessage[] | AsyncIterable<AirbyteMessage>,
  extra: Record<string, unknown> = {},
) {
  const d = new LakehouseDestination();
  const logger = memoryConnectorLogger();
  const out: AirbyteMessage[] = [];
  const input = Array.isArray(messages) ? feed(messages) : messages;
  for await (const m of d.write(
    { backend: t.backend as never, source_name: 'mitx', ...extra },
    { streams },
    input,
    logger,
  ))
    out.push(m);
  return { out, summary: d.lastSummary!, logger };
}

const typed = (t: Target, table = 'raw__mitx__courses') =>
  t.query(
    `SELECT id, seq, title, price, CAST(_airbyte_meta AS VARCHAR) AS meta, _airbyte_generation_id AS gen FROM raw.${table} ORDER BY id NULLS FIRST, seq`,
  );

describe.each(ENGINES)('destination-lakehouse on %s', (engine) => {
  let t: Target;
  beforeEach(async () => {
    t = await createTarget(engine);
  });
  afterEach(async () => {
    await t.cleanup();
  });

  test('append: raw V2 table, typed table, states echoed in order after commit with destinationStats', async () => {
    const msgs: AirbyteMessage[] = [];
    for (let i = 1; i <= 12; i++) {
      msgs.push(
        record('courses', {
          id: i,
          seq: i,
          title: `c${i}`,
          price: i === 5 ? 'free' : i + 0.5,
          tags: ['a'],
          owner: { org: 'MITx' },
        }),
      );
      if (i % 5 === 0) msgs.push(state('courses', i));
    }
    msgs.push(record('ghosts', { id: 1 }));
    msgs.push(state('courses', 12));
    const { out, summary } = await write(t, [configured('courses', 'append')], msgs);
    expect(out.map((m) => (m.type === 'STATE' ? m.state.stream?.stream_state : m.type))).toEqual([
      { cursor: 5 },
      { cursor: 10 },
      { cursor: 12 },
    ]);
    expect(out.map((m) => (m.type === 'STATE' ? m.state.destinationStats : undefined))).toEqual([
      { recordCount: 5, rejectedRecordCount: 1 },
      { recordCount: 5, rejectedRecordCount: 0 },
      { recordCount: 2, rejectedRecordCount: 0 },
    ]);
    expect(summary).toMatchObject({ records: 12, committed: 12, rejected: 1, unknownStream: 1 });
    const raw = await t.query(
      `SELECT CAST(_airbyte_raw_id AS VARCHAR) AS id, _airbyte_extracted_at AS x, _airbyte_loaded_at AS l, CAST(_airbyte_data AS VARCHAR) AS data, CAST(_airbyte_meta AS VARCHAR) AS meta, _airbyte_generation_id AS gen FROM airbyte_internal.raw_mitx__courses`,
    );
    expect(raw).toHaveLength(12);
    expect(new Set(raw.map((r) => r.id)).size).toBe(12);
    expect(raw.every((r) => /^[0-9a-f-]{36}$/.test(String(r.id)) && r.x && r.l && Number(r.gen) === 1)).toBe(
      true,
    );
    const five = raw.find((r) => JSON.parse(String(r.data)).id === 5)!;
    expect(JSON.parse(String(five.data)).price).toBe('free'); // the raw data is kept untouched
    expect(JSON.parse(String(five.meta))).toEqual({
      sync_id: 1,
      changes: [{ field: 'price', change: 'NULLED', reason: 'DESTINATION_TYPECAST_ERROR' }],
    });
    const rows = await typed(t);
    expect(rows).toHaveLength(12);
    expect(rows[4]).toMatchObject({ id: 5, price: null });
    expect(rows[5]).toMatchObject({ id: 6, title: 'c6', price: 6.5 });
    const st = await t.query(
      `SELECT stream_key, CAST(state AS VARCHAR) AS s FROM airbyte_internal._learnflow_state`,
    );
    expect(st).toHaveLength(1);
    expect(JSON.parse(String(st[0].s)).stream.stream_state).toEqual({ cursor: 12 });
  });

  test('append_dedup: latest by cursor per primary key, NULL keys and NULL cursors handled', async () => {
    const msgs = [
      record('courses', { id: 1, seq: 1, title: 'old' }),
      record('courses', { id: 2, seq: 5, title: 'two' }),
      record('courses', { id: null, seq: 2, title: 'null-key a' }),
      state('courses', 'a'),
      record('courses', { id: 1, seq: 3, title: 'new' }),
      record('courses', { id: 2, seq: null, title: 'no cursor' }),
      record('courses', { id: null, seq: 4, title: 'null-key b' }),
      record('courses', { id: 1, seq: 2, title: 'late but older' }),
      state('courses', 'b'),
    ];
    await write(t, [configured('courses', 'append_dedup')], msgs, { batch_size: 1 });
    expect((await typed(t)).map((r) => [r.id, r.title])).toEqual([
      [null, 'null-key b'],
      [1, 'new'],
      [2, 'two'],
    ]);
    expect(await t.query('SELECT COUNT(*) AS n FROM airbyte_internal.raw_mitx__courses')).toEqual([{ n: 7 }]);
  });

  test('append_dedup within one commit of several states: ties on cursor and extraction time go to the latest arrival', async () => {
    // batch_size 6 with a STATE every 2 records: the first two states' records are handed over (staged by
    // DuckDB) before the commit the third state triggers; all six records compete in that one commit.
    const msgs: AirbyteMessage[] = [];
    for (let i = 1; i <= 6; i++) {
      msgs.push(record('courses', { id: i % 2, seq: 7, title: `arrival ${i}` }));
      if (i % 2 === 0) msgs.push(state('courses', i));
    }
    const { out, summary } = await write(t, [configured('courses', 'append_dedup')], msgs, { batch_size: 6 });
    expect((await typed(t)).map((r) => [r.id, r.title])).toEqual([
      [0, 'arrival 6'],
      [1, 'arrival 5'],
    ]);
    expect(out.map((m) => (m.type === 'STATE' ? m.state.destinationStats?.recordCount : m.type))).toEqual([
      2, 2, 2,
    ]);
    expect(summary.committed).toBe(6);
    expect(await t.query('SELECT COUNT(*) AS n FROM airbyte_internal.raw_mitx__courses')).toEqual([{ n: 6 }]);
  });

  test('overwrite: swapped in only when COMPLETE; an interrupted refresh leaves the old data whole, then resumes', async () => {
    const gen = (g: number) =>
      configured('courses', 'overwrite', {
        sync_mode: 'full_refresh',
        generation_id: g,
        minimum_generation_id: g,
      });
    const batch = (from: number, to: number, title: string) => {
      const m: AirbyteMessage[] = [];
      for (let i = from; i <= to; i++) m.push(record('courses', { id: i, seq: i, title }));
      m.push(state('courses', to));
      return m;
    };
    await write(t, [gen(1)], [...batch(1, 5, 'g1'), status('courses', 'COMPLETE')]);
    expect((await typed(t)).map((r) => `${r.id}:${r.title}:${r.gen}`)).toEqual([
      '1:g1:1',
      '2:g1:1',
      '3:g1:1',
      '4:g1:1',
      '5:g1:1',
    ]);
    // generation 2 stops before COMPLETE: the final tables still hold generation 1
    await write(t, [gen(2)], batch(1, 3, 'g2'));
    expect((await typed(t)).map((r) => r.title)).toEqual(['g1', 'g1', 'g1', 'g1', 'g1']);
    expect(await t.query('SELECT COUNT(*) AS n FROM raw.raw__mitx__courses_airbyte_tmp')).toEqual([{ n: 3 }]);
    // the same generation resumes from its state and completes: exactly its rows are swapped in
    await write(t, [gen(2)], [...batch(4, 4, 'g2'), status('courses', 'COMPLETE')]);
    expect((await typed(t)).map((r) => `${r.id}:${r.title}:${r.gen}`)).toEqual([
      '1:g2:2',
      '2:g2:2',
      '3:g2:2',
      '4:g2:2',
    ]);
    expect(await t.query('SELECT COUNT(*) AS n FROM airbyte_internal.raw_mitx__courses')).toEqual([{ n: 4 }]);
    // a new generation never inherits staging rows of an older attempt
    await write(t, [gen(3)], batch(1, 2, 'g3'));
    await write(t, [gen(4)], [...batch(1, 1, 'g4'), status('courses', 'COMPLETE')]);
    expect((await typed(t)).map((r) => `${r.id}:${r.title}:${r.gen}`)).toEqual(['1:g4:4']);
  });

  test('records after the last STATE of an unfinished stream are not committed; a stream without states is', async () => {
    const { out, summary } = await write(
      t,
      [configured('courses', 'append'), configured('programs', 'append')],
      [
        record('courses', { id: 1, seq: 1 }),
        state('courses', 1),
        record('courses', { id: 2, seq: 2 }),
        record('programs', { id: 9, seq: 9 }),
      ],
    );
    expect(out.filter((m) => m.type === 'STATE')).toHaveLength(1);
    expect(summary.dropped).toBe(1);
    expect((await typed(t)).map((r) => r.id)).toEqual([1]);
    expect((await typed(t, 'raw__mitx__programs')).map((r) => r.id)).toEqual([9]);
  });

  test('schema evolution: new properties become columns, a changed type widens the column to text', async () => {
    await write(
      t,
      [configured('courses', 'append')],
      [record('courses', { id: 1, price: 2.5 }), state('courses', 1)],
    );
    const changed = configured('courses', 'append');
    changed.stream.json_schema = {
      type: 'object',
      properties: { id: { type: 'integer' }, price: { type: 'string' }, level: { type: 'string' } },
    };
    const { logger } = await write(
      t,
      [changed],
      [record('courses', { id: 2, price: 'free', level: 'intro' }), state('courses', 2)],
    );
    expect(logger.lines.join('\n')).toMatch(
      /the type of price changed in the stream schema; widened to text/,
    );
    const rows = await t.query('SELECT id, price, level FROM raw.raw__mitx__courses ORDER BY id');
    expect(rows).toEqual([
      { id: 1, price: '2.5', level: null },
      { id: 2, price: 'free', level: 'intro' },
    ]);
  });

  test('a state is committed and echoed while the source is quiet, without waiting for more input', async () => {
    const out: AirbyteMessage[] = [];
    let echoed!: () => void;
    const firstEcho = new Promise<void>((r) => (echoed = r));
    async function* quietSource(): AsyncGenerator<AirbyteMessage> {
      yield record('courses', { id: 1, seq: 1 });
      yield state('courses', 1);
      await firstEcho; // the source sends nothing more until the destination has echoed its state
      yield record('courses', { id: 2, seq: 2 });
      yield state('courses', 2);
    }
    const logger = memoryConnectorLogger();
    const config = resolveLakehouseConfig({ backend: t.backend as never, source_name: 'mitx' });
    const plans = [planStream(configured('courses', 'append'), { sourceName: 'mitx' }, logger)];
    for await (const m of writeMessages(
      { config, plans, backend: openBackend(config, logger), logger, flushIntervalMs: 200 },
      quietSource(),
    )) {
      out.push(m);
      if (out.length === 1) echoed();
    }
    expect(out.map((m) => (m.type === 'STATE' ? m.state.stream?.stream_state : m.type))).toEqual([
      { cursor: 1 },
      { cursor: 2 },
    ]);
  });

  test('unknown destination sync modes are written as append, with a warning', async () => {
    const { logger } = await write(
      t,
      [configured('courses', 'soft_delete')],
      [record('courses', { id: 1 }), state('courses', 1)],
    );
    expect(logger.lines.join('\n')).toMatch(
      /destination sync mode 'soft_delete' is not supported; writing as append/,
    );
    expect(await typed(t)).toHaveLength(1);
  });
});

describe('destination-lakehouse on postgres: failures leave nothing half-committed', () => {
  let t: Target;
  beforeEach(async () => {
    t = await createTarget('postgres');
  });
  afterEach(async () => {
    await t.cleanup();
  });

  async function* interrupted(afterFirstEcho: () => Promise<void>, echoed: () => number) {
    for (let i = 1; i <= 3; i++) yield record('courses', { id: i, seq: i });
    yield state('courses', 3);
    yield status('courses', 'RUNNING');
    // wait for the destination to report the first commit, then break the database under it
    while (echoed() === 0) await new Promise((r) => setImmediate(r));
    await afterFirstEcho();
    for (let i = 4; i <= 6; i++) yield record('courses', { id: i, seq: i });
    yield state('courses', 6);
  }

  async function run(breakIt: (admin: Client) => Promise<void>) {
    const admin = new Client({ connectionString: String(t.backend.url) });
    await admin.connect();
    const d = new LakehouseDestination();
    const out: AirbyteMessage[] = [];
    let error: unknown;
    try {
      const input = interrupted(
        () => breakIt(admin),
        () => out.length,
      );
      for await (const m of d.write(
        { backend: t.backend as never, source_name: 'mitx', batch_size: 1 },
        { streams: [configured('courses', 'append')] },
        input,
        memoryConnectorLogger(),
      ))
        out.push(m);
    } catch (e) {
      error = e;
    } finally {
      await admin.end();
    }
    return { out, error };
  }

  test('a lost connection fails the write as retryable; committed data and state stay as they were', async () => {
    const { out, error } = await run(async (admin) => {
      await admin.query(
        `SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = 'destination-lakehouse'`,
      );
    });
    expect(error).toBeInstanceOf(ConnectorError);
    expect((error as ConnectorError).retryable).toBe(true);
    expect(out).toHaveLength(1);
    expect((await typed(t)).map((r) => r.id)).toEqual([1, 2, 3]);
    expect(await t.query('SELECT COUNT(*)::int AS n FROM airbyte_internal.raw_mitx__courses')).toEqual([
      { n: 3 },
    ]);
    const st = await t.query(`SELECT state::text AS s FROM airbyte_internal._learnflow_state`);
    expect(JSON.parse(String(st[0].s)).stream.stream_state).toEqual({ cursor: 3 });
  });

  test('a statement failing mid-transaction rolls the whole batch back (raw rows included)', async () => {
    const { error } = await run(async (admin) => {
      // the typed insert of the next batch now fails after the raw COPY succeeded
      await admin.query('ALTER TABLE raw.raw__mitx__courses ADD CONSTRAINT small_ids CHECK (id < 5)');
    });
    expect(error).toBeInstanceOf(ConnectorError);
    expect(String((error as Error).message)).toMatch(/nothing of this batch was committed/);
    expect(await t.query('SELECT COUNT(*)::int AS n FROM airbyte_internal.raw_mitx__courses')).toEqual([
      { n: 3 },
    ]);
    const st = await t.query(`SELECT state::text AS s FROM airbyte_internal._learnflow_state`);
    expect(JSON.parse(String(st[0].s)).stream.stream_state).toEqual({ cursor: 3 });
  });
});
