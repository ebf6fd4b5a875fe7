import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PassThrough, Readable } from 'node:stream';
import type { Destination } from './destination';
import { runDestination } from './destination-runner';
import { createConnectorLogger } from './logger';
import { rawRecordData } from './read-messages';
import type { AirbyteMessage } from './protocol';

interface Cfg {
  path: string;
  password: string;
  batch: number;
}

/** A destination that appends records to a file and echoes each state once its records are written. */
const fileDestination: Destination<Cfg> = {
  name: 'destination-test-file',
  version: '0.0.1',
  spec: () => ({
    connectionSpecification: {
      type: 'object',
      required: ['path', 'password'],
      properties: {
        path: { type: 'string' },
        password: { type: 'string', airbyte_secret: true },
        batch: { type: 'integer', default: 7 },
      },
    },
    supported_destination_sync_modes: ['append'],
  }),
  check: async (config) =>
    config.password === 'right-password'
      ? { status: 'SUCCEEDED' }
      : { status: 'FAILED', message: `password ${config.password} rejected` },
  async *write(config, _catalog, input) {
    let pending: string[] = [];
    for await (const m of input) {
      if (m.type === 'RECORD') pending.push(JSON.stringify(m.record.data));
      if (m.type === 'STATE') {
        fs.appendFileSync(config.path, pending.map((l) => l + '\n').join(''));
        pending = [];
        yield { ...m, state: { ...m.state, destinationStats: { recordCount: config.batch } } };
      }
      if (m.type === 'RECORD' && m.record.stream === 'boom')
        throw new Error(`failed with ${config.password}`);
    }
  },
};

let dir: string;
beforeAll(() => (dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cdk-dest-'))));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

function file(name: string, content: unknown): string {
  const p = path.join(dir, name);
  fs.writeFileSync(p, typeof content === 'string' ? content : JSON.stringify(content));
  return p;
}

async function run(argv: string[], stdinText = '') {
  const stdout = new PassThrough();
  const chunks: string[] = [];
  stdout.on('data', (c) => chunks.push(String(c)));
  const logLines: string[] = [];
  const logger = createConnectorLogger({ write: (l) => logLines.push(l), level: 'debug' });
  const code = await runDestination(fileDestination, argv, {
    stdin: Readable.from([stdinText]),
    stdout,
    logger,
  });
  const messages = chunks
    .join('')
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l) as AirbyteMessage);
  return { code, messages, stderr: logLines.join('\n'), raw: chunks.join('') };
}

const catalog = {
  streams: [{ stream: { name: 's', json_schema: {}, supported_sync_modes: ['full_refresh'] } }],
};

test('spec prints exactly one SPEC', async () => {
  const r = await run(['spec']);
  expect(r.code).toBe(0);
  expect(r.messages).toHaveLength(1);
  expect(r.messages[0].type).toBe('SPEC');
});

test('check with an invalid config reports FAILED naming the field and exits 0', async () => {
  const cfg = file('bad.json', { path: 5, password: 'hunter22' });
  const r = await run(['check', '--config', cfg]);
  expect(r.code).toBe(0);
  expect(r.messages).toHaveLength(1);
  const m = r.messages[0];
  expect(m.type).toBe('CONNECTION_STATUS');
  if (m.type !== 'CONNECTION_STATUS') return;
  expect(m.connectionStatus.status).toBe('FAILED');
  expect(m.connectionStatus.message).toMatch(/field 'path' must be string/);
  expect(r.raw).not.toContain('hunter22');
});

test('check redacts the secret from the connector message', async () => {
  const cfg = file('wrong.json', { path: '/x', password: 'wrong-password' });
  const r = await run(['check', '--config', cfg]);
  expect(r.code).toBe(0);
  expect(r.raw).toContain('**********');
  expect(r.raw).not.toContain('wrong-password');
});

test('check with a missing config file reports FAILED naming the file', async () => {
  const r = await run(['check', '--config', path.join(dir, 'nope.json')]);
  expect(r.code).toBe(0);
  const m = r.messages[0];
  expect(m.type === 'CONNECTION_STATUS' && m.connectionStatus.message).toMatch(/nope\.json.*does not exist/);
});

test('write skips lines that are not protocol messages and echoes states after their records', async () => {
  const out = path.join(dir, 'out.jsonl');
  const cfg = file('good.json', { path: out, password: 'right-password' });
  const cat = file('catalog.json', catalog);
  const stdin = [
    JSON.stringify({ type: 'RECORD', record: { stream: 's', data: { a: 1 }, emitted_at: 1 } }),
    'this is not json',
    JSON.stringify({ hello: 'world' }),
    JSON.stringify({
      type: 'STATE',
      state: { type: 'STREAM', stream: { stream_descriptor: { name: 's' } } },
    }),
    JSON.stringify({ type: 'RECORD', record: { stream: 's', data: { a: 2 }, emitted_at: 2 } }),
    JSON.stringify({
      type: 'STATE',
      state: { type: 'STREAM', stream: { stream_descriptor: { name: 's' } } },
    }),
  ].join('\n');
  const r = await run(['write', '--config', cfg, '--catalog', cat, '--debug'], stdin);
  expect(r.code).toBe(0);
  expect(r.messages.map((m) => m.type)).toEqual(['STATE', 'STATE']);
  const first = r.messages[0];
  expect(first.type === 'STATE' && first.state.destinationStats?.recordCount).toBe(7);
  expect(fs.readFileSync(out, 'utf8')).toBe('{"a":1}\n{"a":2}\n');
  expect(r.stderr).toMatch(/line 2 skipped \(not JSON\)/);
  expect(r.stderr).toMatch(/line 3 skipped \(not an Airbyte protocol message\)/);
  expect(r.stderr).toMatch(/2 input line\(s\) were skipped/);
});

test('a failing write emits one redacted TRACE ERROR and exits 1', async () => {
  const cfg = file('boom.json', { path: path.join(dir, 'boom.jsonl'), password: 'boom-secret' });
  const cat = file('catalog2.json', catalog);
  const stdin = JSON.stringify({ type: 'RECORD', record: { stream: 'boom', data: {}, emitted_at: 1 } });
  const r = await run(['write', '--config', cfg, '--catalog', cat], stdin);
  expect(r.code).toBe(1);
  const traces = r.messages.filter((m) => m.type === 'TRACE');
  expect(traces).toHaveLength(1);
  expect(r.raw).not.toContain('boom-secret');
  expect(r.stderr).not.toContain('boom-secret');
});

test('write with an invalid catalog fails with config_error before reading stdin', async () => {
  const cfg = file('good2.json', { path: path.join(dir, 'x.jsonl'), password: 'right-password' });
  const cat = file('badcat.json', { nope: true });
  const r = await run(['write', '--config', cfg, '--catalog', cat]);
  expect(r.code).toBe(1);
  const t = r.messages[0];
  expect(t.type === 'TRACE' && t.trace.error?.failure_type).toBe('config_error');
  expect(t.type === 'TRACE' && t.trace.error?.message).toMatch(/streams/);
});

test('an unknown command or missing flag is a usage error: exit 2 with a TRACE', async () => {
  expect((await run(['frobnicate'])).code).toBe(2);
  const r = await run(['write', '--config']);
  expect(r.code).toBe(2);
  expect(r.messages[0].type).toBe('TRACE');
});

test("write offers the messages a chunk at a time too, with each record's data text as sent", async () => {
  const seen: string[] = [];
  const batched: Destination<Cfg> = {
    ...fileDestination,
    async *write(_config, _catalog, input) {
      expect(input.batches).toBeDefined();
      for await (const batch of input.batches!()) {
        expect(batch.length).toBeGreaterThan(0);
        for (const m of batch) {
          if (m.type === 'RECORD') seen.push(rawRecordData(m) ?? 'none');
          if (m.type === 'STATE') yield m;
        }
      }
    },
  };
  const cfg = file('batched.json', { path: path.join(dir, 'unused'), password: 'right-password' });
  const cat = file('catalog-batched.json', catalog);
  const lines = [
    '{"type":"RECORD","record":{"stream":"s","data":{"a":1.50,"b":"\\u00e9"},"emitted_at":1}}',
    'not json',
    '{"type":"RECORD","record":{"stream":"s","data":{"a": 2},"emitted_at":2}}',
    JSON.stringify({
      type: 'STATE',
      state: { type: 'STREAM', stream: { stream_descriptor: { name: 's' } } },
    }),
  ];
  const stdout = new PassThrough();
  const out: string[] = [];
  stdout.on('data', (c) => out.push(String(c)));
  const text = lines.join('\n');
  const code = await runDestination(batched, ['write', '--config', cfg, '--catalog', cat], {
    stdin: Readable.from([text.slice(0, 30), text.slice(30, 100), text.slice(100)]),
    stdout,
    logger: createConnectorLogger({ write: () => {} }),
  });
  expect(code).toBe(0);
  expect(seen).toEqual(['{"a":1.50,"b":"\\u00e9"}', 'none']);
  expect(
    out
      .join('')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l).type),
  ).toEqual(['STATE']);
});
