import { Readable } from 'node:stream';
import { createConnectorLogger } from './logger';
import { rawRecordData, readMessages } from './read-messages';
import type { AirbyteMessage } from './protocol';

test('lines split across chunks, CRLF, blank lines and a last line without newline are all read', async () => {
  const a = JSON.stringify({ type: 'RECORD', record: { stream: 's', data: { t: 'é' }, emitted_at: 1 } });
  const b = JSON.stringify({
    type: 'STATE',
    state: { type: 'STREAM', stream: { stream_descriptor: { name: 's' } } },
  });
  const text = `${a}\r\n\n${b}\n${a}`;
  const chunks = [text.slice(0, 7), text.slice(7, 60), text.slice(60)];
  const stats = { messages: 0, skipped: 0 };
  const out = [];
  for await (const m of readMessages(
    Readable.from(chunks),
    createConnectorLogger({ write: () => {} }),
    stats,
  ))
    out.push(m.type);
  expect(out).toEqual(['RECORD', 'STATE', 'RECORD']);
  expect(stats).toEqual({ messages: 3, skipped: 0 });
});

test('non-protocol lines are counted and only the first ten are logged', async () => {
  const logged: string[] = [];
  const lines = Array.from({ length: 15 }, (_, i) => (i % 2 ? `{"type":"RECORD"}` : `garbage ${i}`));
  const stats = { messages: 0, skipped: 0 };
  for await (const _ of readMessages(
    Readable.from([lines.join('\n')]),
    createConnectorLogger({ write: (l) => logged.push(l) }),
    stats,
  )) {
    // nothing is a message
  }
  expect(stats.skipped).toBe(15);
  expect(logged.filter((l) => /skipped \(/.test(l))).toHaveLength(10);
  expect(logged.join('\n')).toMatch(/15 input line\(s\) were skipped/);
});

async function readAll(lines: string[]): Promise<AirbyteMessage[]> {
  const out: AirbyteMessage[] = [];
  for await (const m of readMessages(
    Readable.from([lines.join('\n')]),
    createConnectorLogger({ write: () => {} }),
  ))
    out.push(m);
  return out;
}

test('rawRecordData gives the data text of a record line as sent, or undefined when it cannot', async () => {
  const lines = [
    '{"type":"RECORD","record":{"stream":"s","data":{"a":1.50,"b":"x\\"}{,","c":[1,{"d":null}],"e":"\\u00e9"},"emitted_at":1}}',
    '{ "type" : "RECORD" , "record" : { "stream" : "s" , "data" : {"a":"b c"} , "emitted_at" : 1 } }',
    '{"type":"RECORD","record":{"stream":"s","data":{"a": 1},"emitted_at":1}}',
    '{"type":"RECORD","record":{"stream":"s","data":{"a":1},"data":{"b":2},"emitted_at":1}}',
    '{"type":"RECORD","record":{"stream":"s","d\\u0061ta":{"a":1},"emitted_at":1}}',
    '{"type":"RECORD","record":{"stream":"s","data":[1],"emitted_at":1}}',
    '{"type":"RECORD","record":{"stream":"s","data":{"k\\\\":"v\\\\"},"emitted_at":1},"record":{"stream":"s","data":{"z":0}}}',
    '{"type":"STATE","state":{"type":"LEGACY","data":{}}}',
  ];
  const messages = await readAll(lines);
  expect(messages.map(rawRecordData)).toEqual([
    '{"a":1.50,"b":"x\\"}{,","c":[1,{"d":null}],"e":"\\u00e9"}',
    '{"a":"b c"}',
    undefined, // whitespace in the data: the caller serialises the parsed value
    '{"b":2}', // the last member wins, as in JSON.parse
    undefined, // an escaped member name
    undefined, // not an object
    '{"z":0}',
    undefined, // not a record
  ]);
  // Every text given parses to the same value as the record's data.
  messages.forEach((m) => {
    const raw = rawRecordData(m);
    if (raw !== undefined && m.type === 'RECORD') expect(JSON.parse(raw)).toEqual(m.record.data);
  });
  // The kept line is not part of the message's JSON.
  expect(JSON.stringify(messages[1])).toBe(JSON.stringify(JSON.parse(lines[1])));
});

test('rawRecordData is undefined for records not read from a line', () => {
  expect(rawRecordData({ type: 'RECORD', record: { stream: 's', data: { a: 1 }, emitted_at: 1 } })).toBe(
    undefined,
  );
});
