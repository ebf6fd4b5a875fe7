/** The sync plan: configured catalog, generation ids and resumption per Airbyte's refresh rules. */
import type { AirbyteCatalog, AirbyteStateMessage } from '../../connectors/cdk/protocol';
import { planSync, type StreamHistory } from '../../runner/sync/sync-plan';

const discovered: AirbyteCatalog = {
  streams: [
    {
      name: 'courses',
      json_schema: {},
      supported_sync_modes: ['full_refresh', 'incremental'],
      source_defined_cursor: true,
      default_cursor_field: ['updated'],
      source_defined_primary_key: [['id']],
      is_resumable: true,
    },
    { name: 'pages', json_schema: {}, supported_sync_modes: ['full_refresh'] },
    { name: 'resumable', json_schema: {}, supported_sync_modes: ['full_refresh'], is_resumable: true },
  ],
};
const st = (name: string): AirbyteStateMessage => ({
  type: 'STREAM',
  stream: { stream_descriptor: { name }, stream_state: { at: name } },
});
const stored = new Map([
  ['courses', st('courses')],
  ['pages', st('pages')],
  ['resumable', st('resumable')],
]);

function plan(history: Record<string, StreamHistory>, refresh = false) {
  const p = planSync({
    connection: 'c',
    discovered,
    syncId: 9,
    history: new Map(Object.entries(history)),
    stored,
    refresh,
  });
  const by = Object.fromEntries(p.streams.map((s) => [s.key, s]));
  return { p, by };
}

test('first sync: defaults per stream, generation 1, sync id on every stream', () => {
  const { p, by } = plan({});
  expect(
    p.catalog.streams.map((s) => [
      s.stream.name,
      s.sync_mode,
      s.destination_sync_mode,
      s.generation_id,
      s.minimum_generation_id,
      s.sync_id,
    ]),
  ).toEqual([
    ['courses', 'incremental', 'append_dedup', 1, 0, 9],
    ['pages', 'full_refresh', 'overwrite', 1, 1, 9],
    ['resumable', 'full_refresh', 'overwrite', 1, 1, 9],
  ]);
  expect(by.courses.configured.cursor_field).toEqual(['updated']);
  expect(by.courses.configured.primary_key).toEqual([['id']]);
  expect(p.states).toEqual([st('courses')]); // full-refresh streams start over: their states are cleared
  expect(p.clearStateKeys).toEqual(['pages', 'resumable']);
});

test('after a successful sync: incremental keeps its generation, overwrite streams take a new one', () => {
  const ok = (g: number): StreamHistory => ({
    last: { generationId: g, status: 'succeeded' },
    maxGeneration: g,
    finalizedGeneration: g,
  });
  const { p } = plan({ courses: ok(1), pages: ok(4), resumable: ok(4) });
  expect(p.catalog.streams.map((s) => [s.generation_id, s.minimum_generation_id])).toEqual([
    [1, 0],
    [5, 5],
    [5, 5],
  ]);
});

test('after a failed attempt: a resumable refresh resumes in the same generation, others start a new one', () => {
  const failed = (g: number): StreamHistory => ({
    last: { generationId: g, status: 'failed' },
    maxGeneration: g,
    finalizedGeneration: g - 1,
  });
  const { p, by } = plan({ courses: failed(2), pages: failed(4), resumable: failed(4) });
  expect([by.pages.configured.generation_id, by.pages.resume]).toEqual([5, false]);
  expect([by.resumable.configured.generation_id, by.resumable.resume]).toEqual([4, true]);
  expect(p.states).toEqual([st('courses'), st('resumable')]);
  // already swapped in before the attempt died: nothing to resume, the next sync is a new generation
  const swapped = plan({
    resumable: { last: { generationId: 4, status: 'failed' }, maxGeneration: 4, finalizedGeneration: 4 },
  });
  expect([swapped.by.resumable.configured.generation_id, swapped.by.resumable.resume]).toEqual([5, false]);
});

test('--refresh: every stream a new generation with minimum = generation, no state', () => {
  const { p } = plan({ courses: { last: { generationId: 3, status: 'succeeded' }, maxGeneration: 3 } }, true);
  expect(p.catalog.streams.map((s) => [s.generation_id, s.minimum_generation_id])).toEqual([
    [4, 4],
    [1, 1],
    [1, 1],
  ]);
  expect(p.states).toEqual([]);
});

test('streams the source does not have, and modes it does not support, are configuration errors', () => {
  expect(() =>
    planSync({
      connection: 'c',
      discovered,
      settings: [{ name: 'nope' }],
      syncId: 1,
      history: new Map(),
      stored,
    }),
  ).toThrow(/the source has no stream 'nope'/);
  expect(() =>
    planSync({
      connection: 'c',
      discovered,
      settings: [{ name: 'pages', sync_mode: 'incremental' }],
      syncId: 1,
      history: new Map(),
      stored,
    }),
  ).toThrow(/does not support sync_mode incremental/);
});
