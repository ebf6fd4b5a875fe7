/**
 * Where exactly-once ends: the two cases in which an append stream can receive a record twice, proven with
 * real kill -9s (the destination's crash hook, by commit number) and a resumed read, as the README states.
 *  (a) records after a stream's last STATE, then COMPLETE: they are committed with the stream's
 *      finalization, but no state covers them, so the next read (resumed or not) sends them again;
 *      a source that checkpoints after its last record gets exactly once.
 *  (b) more than max_buffered_records records without any STATE: committed early with a warning; a crash
 *      before the next STATE makes the re-read send them again.
 */
import path from 'node:path';
import type { AirbyteMessage } from '../../connectors/cdk/protocol';
import { openLakehouse } from '../../runner/lakehouse/lakehouse-connection';
import { tempDir } from '../support/tmp';
import { body, echoedCursors, writeEvents } from './support/padded-events';

type Step = number | { state: number } | 'COMPLETE';

/** Records (by id), STATEs ({state: cursor}) and the stream's COMPLETE, as a source would send them. */
function messages(steps: Step[]): string {
  const out = steps.map((s): AirbyteMessage => {
    if (typeof s === 'number')
      return {
        type: 'RECORD',
        record: { stream: 'events', data: { id: s, body: body(s, 40) }, emitted_at: 1_767_225_600_000 },
      };
    if (s === 'COMPLETE')
      return {
        type: 'TRACE',
        trace: {
          type: 'STREAM_STATUS',
          emitted_at: 1,
          stream_status: { stream_descriptor: { name: 'events' }, status: 'COMPLETE' },
        },
      };
    return {
      type: 'STATE',
      state: {
        type: 'STREAM',
        stream: { stream_descriptor: { name: 'events' }, stream_state: { cursor: s.state } },
      },
    };
  });
  return out.map((m) => JSON.stringify(m)).join('\n') + '\n';
}

const ids = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => from + i);

/** What a source sends when resumed from `cursor` (undefined: from the start). */
function read(plan: (from: number) => Step[], cursor: number | undefined) {
  return messages(plan(cursor ?? 0));
}

describe('where an append stream can receive records twice', () => {
  let tmp: { dir: string; cleanup: () => void };
  beforeEach(() => {
    tmp = tempDir('learnflow-dup-');
  });
  afterEach(() => tmp.cleanup());

  const config = () => ({
    backend: { engine: 'duckdb', path: path.join(tmp.dir, 'lake.duckdb') },
    batch_size: 1000,
  });
  const query = async (sql: string) => {
    const conn = await openLakehouse(
      { engine: 'duckdb', path: path.join(tmp.dir, 'lake.duckdb') },
      { baseDir: tmp.dir },
    );
    try {
      return await conn.query(sql);
    } finally {
      await conn.close();
    }
  };
  const counts = () =>
    query(
      'SELECT COUNT(*) AS n, COUNT(DISTINCT CAST(_airbyte_data AS VARCHAR)) AS d FROM airbyte_internal.raw_p__events',
    );
  const storedCursor = async () => {
    const rows = await query(
      `SELECT state FROM airbyte_internal._learnflow_state WHERE stream_key = 'events'`,
    );
    return rows.length ? (JSON.parse(String(rows[0].state)).stream.stream_state.cursor as number) : undefined;
  };

  // 30 records, STATEs at 10 and 20, then 21..30 and COMPLETE without a final STATE
  const trailing = (from: number): Step[] => [
    ...ids(from + 1, 30).flatMap((i): Step[] => (i % 10 === 0 && i < 30 ? [i, { state: i }] : [i])),
    'COMPLETE',
  ];
  // the same source with a final STATE after its last record (what the kit's sources do)
  const checkpointed = (from: number): Step[] => [
    ...ids(from + 1, 30).flatMap((i): Step[] => (i % 10 === 0 ? [i, { state: i }] : [i])),
    ...(from >= 30 ? [{ state: from }] : []),
    'COMPLETE',
  ];

  test('(a) records after the last STATE, then COMPLETE: committed with the finalization, sent again by the next read', async () => {
    // killed right after the commit that holds everything and finalizes the stream, before any echo
    const crashed = await writeEvents(tmp.dir, config(), read(trailing, undefined), {
      LEARNFLOW_TEST_DESTINATION_CRASH: '1:after',
    });
    expect(crashed.signal).toBe('SIGKILL');
    expect(echoedCursors(crashed)).toEqual([]);
    expect(crashed.stderr).toMatch(/10 record\(s\) after its last STATE are committed/);
    // all 30 committed; the stored state is the last STATE the source sent (20), not past 30
    expect(await counts()).toEqual([{ n: 30, d: 30 }]);
    expect(await storedCursor()).toBe(20);
    // the resumed read starts after 20: records 21..30 arrive again and the append stream keeps both copies
    const resumed = await writeEvents(tmp.dir, config(), read(trailing, await storedCursor()));
    expect(resumed.code).toBe(0);
    expect(resumed.stderr).toMatch(
      /10 record\(s\) after its last STATE are committed .* receives them twice/,
    );
    expect(await counts()).toEqual([{ n: 40, d: 30 }]);
  });

  test('(a) without the kill it is the same: the next sync sends the uncovered records again', async () => {
    expect((await writeEvents(tmp.dir, config(), read(trailing, undefined))).code).toBe(0);
    expect(await storedCursor()).toBe(20);
    expect((await writeEvents(tmp.dir, config(), read(trailing, await storedCursor()))).code).toBe(0);
    expect(await counts()).toEqual([{ n: 40, d: 30 }]);
  });

  test('(a) a source that checkpoints after its last record: killed at the same point, exactly once', async () => {
    const crashed = await writeEvents(tmp.dir, config(), read(checkpointed, undefined), {
      LEARNFLOW_TEST_DESTINATION_CRASH: '1:after',
    });
    expect(crashed.signal).toBe('SIGKILL');
    expect(crashed.stderr).not.toMatch(/after its last STATE/);
    expect(await storedCursor()).toBe(30);
    const resumed = await writeEvents(tmp.dir, config(), read(checkpointed, await storedCursor()));
    expect(resumed.code).toBe(0);
    expect(await counts()).toEqual([{ n: 30, d: 30 }]);
  });

  // a source that never checkpoints: 2500 records and COMPLETE, no STATE at all (1000 is the smallest limit)
  const neverCheckpoints = (): Step[] => [...ids(1, 2500), 'COMPLETE'];
  const limited = () => ({ ...config(), max_buffered_records: 1000 });
  const EARLY =
    /(\d+) records arrived without a covering STATE; committing them now \(after a crash, append streams may receive some of them twice\)/g;

  test('(b) more than max_buffered_records without a STATE: committed early, with a warning each time', async () => {
    const run = await writeEvents(tmp.dir, limited(), read(neverCheckpoints, undefined));
    expect(run.code).toBe(0);
    expect([...run.stderr.matchAll(EARLY)].map((m) => m[1])).toEqual(['1000', '1000']);
    expect(run.stderr).toMatch(/committed 2500 record\(s\)/);
    expect(await counts()).toEqual([{ n: 2500, d: 2500 }]);
    expect(await storedCursor()).toBeUndefined();
  });

  test('(b) killed after the second early commit: the re-read from the start duplicates what was committed', async () => {
    const crashed = await writeEvents(tmp.dir, limited(), read(neverCheckpoints, undefined), {
      LEARNFLOW_TEST_DESTINATION_CRASH: '2:after',
    });
    expect(crashed.signal).toBe('SIGKILL');
    expect([...crashed.stderr.matchAll(EARLY)].map((m) => m[1])).toEqual(['1000', '1000']);
    expect(await counts()).toEqual([{ n: 2000, d: 2000 }]);
    expect(await storedCursor()).toBeUndefined();
    const resumed = await writeEvents(tmp.dir, limited(), read(neverCheckpoints, undefined));
    expect(resumed.code).toBe(0);
    // 2000 committed before the crash + 2500 read again: 2000 records twice
    expect(await counts()).toEqual([{ n: 4500, d: 2500 }]);
  });
});
