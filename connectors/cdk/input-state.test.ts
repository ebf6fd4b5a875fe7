import { ConfigurationError } from './errors';
import { parseInputState } from './input-state';
import { createConnectorLogger } from './logger';

const lines: string[] = [];
const logger = createConnectorLogger({ write: (l) => lines.push(l) });
const source = { name: 'source-a', streamNames: ['s1', 's2', 'ns.s3'] };

test('the array of STREAM states; null means reset; markers removed; namespaces kept apart', () => {
  const st = parseInputState(
    [
      {
        type: 'STREAM',
        stream: { stream_descriptor: { name: 's1' }, stream_state: { c: 3, __source: 'source-a' } },
      },
      { type: 'STREAM', stream: { stream_descriptor: { name: 's2' }, stream_state: null } },
      {
        type: 'STREAM',
        stream: { stream_descriptor: { name: 's3', namespace: 'ns' }, stream_state: { c: 1 } },
      },
    ],
    source,
    logger,
  );
  expect([...st.streams.entries()]).toEqual([
    ['s1', { c: 3 }],
    ['ns.s3', { c: 1 }],
  ]);
});

test('GLOBAL keeps the shared state; LEGACY data and the legacy object map stream names to states', () => {
  const g = parseInputState(
    [
      {
        type: 'GLOBAL',
        global: {
          shared_state: { lsn: 9 },
          stream_states: [{ stream_descriptor: { name: 's2' }, stream_state: { c: 2 } }],
        },
      },
    ],
    source,
    logger,
  );
  expect(g.shared).toEqual({ lsn: 9 });
  expect(g.streams.get('s2')).toEqual({ c: 2 });
  expect(
    parseInputState([{ type: 'LEGACY', data: { s1: { c: 7 } } }], source, logger).streams.get('s1'),
  ).toEqual({ c: 7 });
  expect(parseInputState({ s1: { c: 8 }, old: { c: 1 } }, source, logger).streams.get('s1')).toEqual({
    c: 8,
  });
  expect(lines.join('\n')).toMatch(/ignoring state of unknown stream\(s\): old/);
  expect(parseInputState([], source, logger).streams.size).toBe(0);
  expect(parseInputState(null, source, logger).streams.size).toBe(0);
});

test('malformed states and states of other connectors are configuration errors', () => {
  const bad = (raw: unknown) => () => parseInputState(raw, source, logger, 'state.json');
  expect(bad(42)).toThrow(ConfigurationError);
  expect(bad([{ nothing: true }])).toThrow(/element 0 has none of "stream", "global" or "data"/);
  expect(bad([{ type: 'STREAM', stream: { stream_state: {} } }])).toThrow(/no stream.stream_descriptor.name/);
  expect(bad({ s1: 'not an object' })).toThrow(/the state of stream 's1' must be an object/);
  expect(bad({ s1: { __source: 'source-b' } })).toThrow(/written by source-b, not source-a/);
  expect(bad({ other: { c: 1 } })).toThrow(
    /none of the streams in the state file \(other\) belongs to source-a/,
  );
});
