/** destination-lakehouse as a real child process: spec, check, and `write` reading bad stdin. */
import fs from 'node:fs';
import path from 'node:path';
import { runConnector } from '../../connectors/cdk/testing/connector-process';
import type { AirbyteMessage } from '../../connectors/cdk/protocol';
import { createTarget, type Target } from './support/lakehouse-targets';
import { configured } from './support/messages';
import { ROOT } from './support/sync-project';

const ENTRY = path.join(ROOT, 'connectors', 'destination-lakehouse', 'src', 'index.ts');
const lines = (ms: unknown[]) =>
  ms.map((m) => (typeof m === 'string' ? m : JSON.stringify(m))).join('\n') + '\n';

describe('destination-lakehouse process', () => {
  let t: Target;
  beforeAll(async () => {
    t = await createTarget('duckdb');
  });
  afterAll(async () => {
    await t.cleanup();
  });

  const file = (name: string, value: unknown) => {
    const f = path.join(t.dir, name);
    fs.writeFileSync(f, JSON.stringify(value));
    return f;
  };

  test('spec declares the sync modes; check connects, or fails with a redacted message', async () => {
    const spec = await runConnector(ENTRY, ['spec']);
    expect(spec.code).toBe(0);
    const s = spec.messages.find((m) => m.type === 'SPEC') as Extract<AirbyteMessage, { type: 'SPEC' }>;
    expect(s.spec.supported_destination_sync_modes).toEqual(['overwrite', 'append', 'append_dedup']);
    const ok = await runConnector(ENTRY, ['check', '--config', file('ok.json', { backend: t.backend })]);
    expect(ok.messages).toEqual([
      {
        type: 'CONNECTION_STATUS',
        connectionStatus: { status: 'SUCCEEDED', message: expect.stringMatching(/^connected to duckdb/) },
      },
    ]);
    const bad = await runConnector(ENTRY, [
      'check',
      '--config',
      file('bad.json', { backend: { engine: 'postgres', url: 'postgres://lf:pw-9e8d7c@127.0.0.1:1/nope' } }),
    ]);
    expect(bad.code).toBe(0);
    const status = bad.messages.find((m) => m.type === 'CONNECTION_STATUS');
    expect(status).toMatchObject({
      connectionStatus: { status: 'FAILED', message: expect.stringMatching(/ECONNREFUSED/) },
    });
    expect(bad.stdout + bad.stderr).not.toContain('pw-9e8d7c');
  });

  test('write: non-JSON and non-protocol lines and records of unknown streams are logged, counted and skipped', async () => {
    const input = lines([
      'this is not json',
      { type: 'RECORD', record: { stream: 'courses', data: { id: 1, seq: 1, title: 'a' }, emitted_at: 1 } },
      '{"type": "RECORD", "record": {"stream": "courses"',
      { hello: 'world' },
      { type: 'RECORD', record: { stream: 'unknown', data: { id: 5 }, emitted_at: 1 } },
      { type: 'RECORD', record: { stream: 'courses', data: { id: 2, seq: 2, title: 7 }, emitted_at: 1 } },
      {
        type: 'STATE',
        state: { type: 'STREAM', stream: { stream_descriptor: { name: 'courses' }, stream_state: { c: 2 } } },
      },
    ]);
    const r = await runConnector(
      ENTRY,
      [
        'write',
        '--config',
        file('w.json', { backend: t.backend, source_name: 'p' }),
        '--catalog',
        file('c.json', { streams: [configured('courses', 'append')] }),
      ],
      { stdin: input },
    );
    expect(r.code).toBe(0);
    expect(r.messages.filter((m) => m.type === 'STATE')).toEqual([
      {
        type: 'STATE',
        state: {
          type: 'STREAM',
          stream: { stream_descriptor: { name: 'courses' }, stream_state: { c: 2 } },
          destinationStats: { recordCount: 2, rejectedRecordCount: 1 },
        },
      },
    ]);
    expect(r.stderr).toMatch(/3 line\(s\) skipped/);
    expect(r.stderr).toMatch(/record for stream 'unknown', which is not in the catalog/);
    expect(r.stderr).toMatch(/committed 2 record\(s\) \(1 rejected by the stream schema\)/);
    expect(await t.query('SELECT id, title FROM raw.raw__p__courses ORDER BY id')).toEqual([
      { id: 1, title: 'a' },
      { id: 2, title: null },
    ]);
  });
});
