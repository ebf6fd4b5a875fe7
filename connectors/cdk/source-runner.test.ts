import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import { createConnectorLogger } from './logger';
import type { AirbyteMessage, AirbyteStateMessage } from './protocol';
import type { Source } from './source';
import { runSource } from './source-runner';
import { Checkpoint, Estimate, Stream, type ReadContext, type StreamItem } from './stream';
import { ConfigurationError, TransientError } from './errors';

interface Cfg {
  count: number;
  token: string;
  fail_stream?: string;
}

/** Events numbered 1..count, cursor `seq`, a checkpoint every 3 records. */
class Events extends Stream {
  readonly name = 'events';
  readonly primaryKey = [['id']];
  readonly cursorField = ['seq'];
  override readonly recordsInCursorOrder = true;
  readonly jsonSchema = {
    type: 'object',
    properties: { id: { type: 'string' }, seq: { type: 'integer' } },
  };
  constructor(private readonly cfg: Cfg) {
    super();
  }
  async *readRecords(ctx: ReadContext): AsyncIterable<StreamItem> {
    yield new Estimate(this.cfg.count);
    const from = typeof ctx.state?.seq === 'number' ? ctx.state.seq : 0;
    // Re-send the boundary record (inclusive cursor) and one older record: the runner filters the older one.
    for (let i = Math.max(1, from - 1); i <= this.cfg.count; i++) {
      if (this.cfg.fail_stream === 'events' && i === 5)
        throw new TransientError(`upstream failed, token=${this.cfg.token}`);
      yield { id: `e${i}`, seq: i };
      if (i % 3 === 0) yield new Checkpoint();
    }
  }
}

class Tags extends Stream {
  readonly name = 'tags';
  readonly primaryKey = [];
  readonly cursorField = [];
  readonly jsonSchema = { type: 'object' };
  async *readRecords(): AsyncIterable<StreamItem> {
    yield { tag: 'a' };
    yield { tag: 'b' };
  }
}

/** A stream whose explicit checkpoints try to move the cursor back. */
class Rewind extends Stream {
  readonly name = 'rewind';
  readonly primaryKey = [['id']];
  readonly cursorField = ['seq'];
  override readonly recordsInCursorOrder = true;
  readonly jsonSchema = { type: 'object' };
  async *readRecords(): AsyncIterable<StreamItem> {
    yield { id: 'a', seq: 5 };
    yield new Checkpoint({ seq: 2, page: 1 });
    yield { id: 'b', seq: 6 };
    yield new Checkpoint({ seq: 3, page: 2 });
  }
}

/** Pages whose cursor values are not in order, over two slices. */
class Shuffled extends Stream {
  readonly name = 'shuffled';
  readonly primaryKey = [['id']];
  readonly cursorField = ['seq'];
  readonly jsonSchema = { type: 'object' };
  override async *streamSlices(): AsyncIterable<Record<string, unknown>> {
    yield { part: 1 };
    yield { part: 2 };
  }
  async *readRecords(ctx: ReadContext): AsyncIterable<StreamItem> {
    const pages =
      ctx.slice?.part === 1
        ? [
            [5, 9],
            [2, 7],
          ]
        : [[12, 10], [11]];
    for (const page of pages) {
      for (const seq of page) yield { id: `r${seq}`, seq };
      yield new Checkpoint();
    }
  }
}

/** A stream that rotates a credential while it reads. */
class Rotating extends Stream {
  readonly name = 'rotating';
  readonly primaryKey = [];
  readonly cursorField = [];
  readonly jsonSchema = { type: 'object' };
  constructor(private readonly rotate: (token: string) => void) {
    super();
  }
  async *readRecords(ctx: ReadContext): AsyncIterable<StreamItem> {
    this.rotate('rotated-token-0042');
    ctx.logger.info('now using rotated-token-0042');
    yield { ok: true };
  }
}

const source: Source<Cfg> = {
  name: 'source-test-events',
  version: '1.0.0',
  spec: () => ({
    connectionSpecification: {
      type: 'object',
      required: ['count', 'token'],
      properties: {
        count: { type: 'integer', minimum: 0 },
        token: { type: 'string', airbyte_secret: true },
        fail_stream: { type: 'string' },
      },
    },
  }),
  check: async (c) => {
    if (c.token !== 'good-token') throw new ConfigurationError(`token ${c.token} was refused (401)`);
    return { status: 'SUCCEEDED' };
  },
  streams: (c, _logger, runtime) => [
    new Events(c),
    new Tags(),
    new Rewind(),
    new Shuffled(),
    new Rotating((token) => runtime?.updateConfig({ token })),
  ],
};

let dir: string;
beforeAll(() => (dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cdk-src-'))));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));
let n = 0;
function file(content: unknown): string {
  const p = path.join(dir, `f${n++}.json`);
  fs.writeFileSync(p, typeof content === 'string' ? content : JSON.stringify(content));
  return p;
}

async function run(argv: string[]) {
  const stdout = new PassThrough();
  const chunks: string[] = [];
  stdout.on('data', (c) => chunks.push(String(c)));
  const log: string[] = [];
  const code = await runSource(source, argv, {
    stdout,
    logger: createConnectorLogger({ write: (l) => log.push(l) }),
  });
  const raw = chunks.join('');
  const messages = raw
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l) as AirbyteMessage);
  return { code, messages, raw, stderr: log.join('\n') };
}

const catalog = (modes: Record<string, string>) => ({
  streams: Object.entries(modes).map(([name, sync_mode]) => ({
    stream: { name, json_schema: {}, supported_sync_modes: ['full_refresh'] },
    sync_mode,
    destination_sync_mode: 'append',
  })),
});
const states = (ms: AirbyteMessage[]) =>
  ms
    .filter((m): m is { type: 'STATE'; state: AirbyteStateMessage } => m.type === 'STATE')
    .map((m) => m.state);
const records = (ms: AirbyteMessage[], stream: string) =>
  ms.flatMap((m) => (m.type === 'RECORD' && m.record.stream === stream ? [m.record.data] : []));

test('discover lists streams with cursor, primary key and resumability', async () => {
  const r = await run(['discover', '--config', file({ count: 1, token: 't0k3n' })]);
  expect(r.code).toBe(0);
  const m = r.messages[0];
  if (m.type !== 'CATALOG') throw new Error('expected a CATALOG');
  expect(m.catalog.streams[0]).toMatchObject({
    name: 'events',
    supported_sync_modes: ['full_refresh', 'incremental'],
    source_defined_cursor: true,
    default_cursor_field: ['seq'],
    source_defined_primary_key: [['id']],
    is_resumable: true,
  });
  expect(m.catalog.streams[1]).toMatchObject({
    name: 'tags',
    supported_sync_modes: ['full_refresh'],
    is_resumable: false,
  });
});

test('check: an exception from the connector becomes FAILED with the secret redacted', async () => {
  const r = await run(['check', '--config', file({ count: 1, token: 'bad-token-123' })]);
  expect(r.code).toBe(0);
  expect(r.messages).toHaveLength(1);
  expect(r.raw).toMatch(/refused \(401\)/);
  expect(r.raw).not.toContain('bad-token-123');
});

test('incremental read: states after each checkpoint with recordCount, statuses, estimate', async () => {
  const r = await run([
    'read',
    '--config',
    file({ count: 7, token: 't0k3n' }),
    '--catalog',
    file(catalog({ events: 'incremental', tags: 'full_refresh' })),
  ]);
  expect(r.code).toBe(0);
  const ev = states(r.messages).filter((s) => s.stream?.stream_descriptor.name === 'events');
  expect(ev.map((s) => s.stream?.stream_state)).toEqual([
    { seq: 3, __source: 'source-test-events' },
    { seq: 6, __source: 'source-test-events' },
    { seq: 7, __source: 'source-test-events' },
  ]);
  expect(ev.map((s) => s.sourceStats?.recordCount)).toEqual([3, 3, 1]);
  const statuses = r.messages.flatMap((m) =>
    m.type === 'TRACE' && m.trace.type === 'STREAM_STATUS'
      ? [`${m.trace.stream_status?.stream_descriptor.name}:${m.trace.stream_status?.status}`]
      : [],
  );
  expect(statuses).toEqual([
    'events:STARTED',
    'events:RUNNING',
    'events:COMPLETE',
    'tags:STARTED',
    'tags:RUNNING',
    'tags:COMPLETE',
  ]);
  expect(r.messages.some((m) => m.type === 'TRACE' && m.trace.estimate?.row_estimate === 7)).toBe(true);
  const tags = states(r.messages).filter((s) => s.stream?.stream_descriptor.name === 'tags');
  expect(tags).toHaveLength(1);
  expect(tags[0].stream?.stream_state).toEqual({
    __full_refresh: { checkpoint: 1, complete: true },
    __source: 'source-test-events',
  });
  expect(tags[0].sourceStats?.recordCount).toBe(2);
});

test('incremental read from a state emits nothing older than the cursor; the state never goes back', async () => {
  const state = file([
    { type: 'STREAM', stream: { stream_descriptor: { name: 'events' }, stream_state: { seq: 6 } } },
    { type: 'STREAM', stream: { stream_descriptor: { name: 'gone' }, stream_state: { x: 1 } } },
  ]);
  const r = await run([
    'read',
    '--config',
    file({ count: 7, token: 't0k3n' }),
    '--catalog',
    file(catalog({ events: 'incremental' })),
    '--state',
    state,
  ]);
  expect(r.code).toBe(0);
  expect(records(r.messages, 'events')).toEqual([
    { id: 'e6', seq: 6 },
    { id: 'e7', seq: 7 },
  ]);
  expect(states(r.messages).map((s) => (s.stream?.stream_state as { seq: number }).seq)).toEqual([6, 7]);
  expect(r.stderr).toMatch(/older than the cursor skipped/);
});

test('a state from the future yields no records and one state', async () => {
  const r = await run([
    'read',
    '--config',
    file({ count: 7, token: 't0k3n' }),
    '--catalog',
    file(catalog({ events: 'incremental' })),
    '--state',
    file({ events: { seq: 1e9 } }),
  ]);
  expect(r.code).toBe(0);
  expect(records(r.messages, 'events')).toEqual([]);
  expect(states(r.messages)).toHaveLength(1);
});

test('GLOBAL and enveloped states are accepted', async () => {
  const r = await run([
    'read',
    '--config',
    file({ count: 4, token: 't0k3n' }),
    '--catalog',
    file(catalog({ events: 'incremental' })),
    '--state',
    file([
      {
        type: 'STATE',
        state: {
          type: 'GLOBAL',
          global: {
            shared_state: {},
            stream_states: [{ stream_descriptor: { name: 'events' }, stream_state: { seq: 4 } }],
          },
        },
      },
    ]),
  ]);
  expect(r.code).toBe(0);
  expect(records(r.messages, 'events')).toEqual([{ id: 'e4', seq: 4 }]);
});

test('a state written by another connector is rejected before any record', async () => {
  const r = await run([
    'read',
    '--config',
    file({ count: 4, token: 't0k3n' }),
    '--catalog',
    file(catalog({ events: 'incremental' })),
    '--state',
    file([
      {
        type: 'STREAM',
        stream: { stream_descriptor: { name: 'events' }, stream_state: { seq: 2, __source: 'source-xpro' } },
      },
    ]),
  ]);
  expect(r.code).toBe(1);
  expect(r.messages.filter((m) => m.type === 'RECORD')).toHaveLength(0);
  expect(r.messages).toHaveLength(1);
  const t = r.messages[0];
  expect(t.type === 'TRACE' && t.trace.error?.failure_type).toBe('config_error');
  expect(t.type === 'TRACE' && t.trace.error?.message).toMatch(
    /written by source-xpro, not source-test-events/,
  );

  const other = await run([
    'read',
    '--config',
    file({ count: 4, token: 't0k3n' }),
    '--catalog',
    file(catalog({ events: 'incremental' })),
    '--state',
    file([{ type: 'STREAM', stream: { stream_descriptor: { name: 'playlists' }, stream_state: { x: 1 } } }]),
  ]);
  expect(other.code).toBe(1);
  expect(other.raw).toMatch(/another connector/);
});

test('a catalog with unknown streams or unsupported sync modes fails before any message', async () => {
  const r = await run([
    'read',
    '--config',
    file({ count: 4, token: 't0k3n' }),
    '--catalog',
    file(catalog({ events: 'incremental', nope: 'full_refresh', tags: 'incremental' })),
  ]);
  expect(r.code).toBe(1);
  expect(r.messages).toHaveLength(1);
  const t = r.messages[0];
  expect(t.type === 'TRACE' && t.trace.error?.failure_type).toBe('config_error');
  const msg = t.type === 'TRACE' ? t.trace.error?.message : '';
  expect(msg).toMatch(/stream 'nope' is not a stream of source-test-events/);
  expect(msg).toMatch(/stream 'tags' does not support sync mode 'incremental'/);
});

test('a failing stream ends INCOMPLETE with one TRACE ERROR; the others go on; exit 1', async () => {
  const r = await run([
    'read',
    '--config',
    file({ count: 9, token: 'sekrit-value', fail_stream: 'events' }),
    '--catalog',
    file(catalog({ events: 'full_refresh', tags: 'full_refresh' })),
  ]);
  expect(r.code).toBe(1);
  const errors = r.messages.filter((m) => m.type === 'TRACE' && m.trace.type === 'ERROR');
  expect(errors).toHaveLength(1);
  const e = errors[0];
  if (e.type !== 'TRACE') throw new Error();
  expect(e.trace.error?.failure_type).toBe('transient_error');
  expect(e.trace.error?.stream_descriptor).toEqual({ name: 'events' });
  expect(r.raw).not.toContain('sekrit-value');
  expect(r.stderr).not.toContain('sekrit-value');
  expect(r.raw).toMatch(/"status":"INCOMPLETE"/);
  // Records 1-3 were covered by a state; 4 was emitted but never covered; nothing of the failed record.
  expect(records(r.messages, 'events')).toHaveLength(4);
  expect(records(r.messages, 'tags')).toHaveLength(2);
});

test('bad config files: missing, not JSON, invalid', async () => {
  const missing = await run([
    'read',
    '--config',
    path.join(dir, 'none.json'),
    '--catalog',
    file(catalog({})),
  ]);
  expect(missing.code).toBe(1);
  expect(missing.raw).toMatch(/none\.json: the config file does not exist/);
  const notJson = await run(['discover', '--config', file('{"count": 1, token: ')]);
  expect(notJson.code).toBe(1);
  expect(notJson.raw).toMatch(/not valid JSON/);
  const invalid = await run(['discover', '--config', file({ count: 'many', token: 'xyzzy-secret' })]);
  expect(invalid.code).toBe(1);
  expect(invalid.raw).toMatch(/field 'count' must be integer/);
  expect(invalid.raw).toMatch(/"failure_type":"config_error"/);
  expect(invalid.raw).not.toContain('xyzzy-secret');
});

test('explicit checkpoints merge into the state, and the cursor never moves back', async () => {
  const r = await run([
    'read',
    '--config',
    file({ count: 1, token: 't0k3n' }),
    '--catalog',
    file(catalog({ rewind: 'incremental' })),
  ]);
  expect(r.code).toBe(0);
  expect(states(r.messages).map((s) => s.stream?.stream_state)).toEqual([
    { seq: 5, page: 1, __source: 'source-test-events' },
    { seq: 6, page: 2, __source: 'source-test-events' },
  ]);
});

test('unsorted records: the cursor in a state moves only at slice ends, so a resume never skips a record', async () => {
  const r = await run([
    'read',
    '--config',
    file({ count: 1, token: 't0k3n' }),
    '--catalog',
    file(catalog({ shuffled: 'incremental' })),
  ]);
  expect(r.code).toBe(0);
  const emitted = states(r.messages).map((s) => [
    (s.stream?.stream_state as { seq?: number }).seq,
    s.sourceStats?.recordCount,
  ]);
  // page 1 of slice 1 brings 9 but page 2 still has 2 and 7: no cursor until slice 1 ends
  expect(emitted).toEqual([
    [undefined, 2],
    [9, 2],
    [12, 3],
  ]);
});

test('a config update becomes a CONTROL message with the whole config; the new secret is redacted from logs', async () => {
  const r = await run([
    'read',
    '--config',
    file({ count: 1, token: 'first-token-0001' }),
    '--catalog',
    file(catalog({ rotating: 'full_refresh' })),
  ]);
  expect(r.code).toBe(0);
  const control = r.messages.find((m) => m.type === 'CONTROL');
  expect(control).toMatchObject({
    type: 'CONTROL',
    control: {
      type: 'CONNECTOR_CONFIG',
      connectorConfig: { config: { count: 1, token: 'rotated-token-0042' } },
    },
  });
  expect(r.stderr).toMatch(/now using \*{10}/);
  expect(r.stderr).not.toContain('rotated-token-0042');
});

test('a STATE reaches stdout at once, while the stream is still waiting on its upstream', async () => {
  let release: () => void = () => {};
  const upstream = new Promise<void>((r) => (release = r));
  class Slow extends Stream {
    readonly name = 'slow';
    readonly primaryKey = [];
    readonly cursorField = [];
    readonly jsonSchema = { type: 'object' };
    async *readRecords(): AsyncIterable<StreamItem> {
      yield { page: 1 };
      yield new Checkpoint();
      await upstream; // the next page takes its time
      yield { page: 2 };
    }
  }
  const slowSource: Source<Cfg> = { ...source, streams: () => [new Slow()] };
  const stdout = new PassThrough();
  let seen = '';
  const stateSeen = new Promise<void>((resolve) =>
    stdout.on('data', (c) => {
      seen += String(c);
      if (seen.includes('"type":"STATE"')) resolve();
    }),
  );
  const done = runSource(
    slowSource,
    [
      'read',
      '--config',
      file({ count: 1, token: 't0k3n' }),
      '--catalog',
      file(catalog({ slow: 'full_refresh' })),
    ],
    { stdout, logger: createConnectorLogger({ write: () => {} }) },
  );
  await stateSeen;
  expect(seen).toContain('{"page":1}');
  expect(seen).not.toContain('{"page":2}');
  release();
  expect(await done).toBe(0);
});
