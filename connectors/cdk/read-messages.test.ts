import { Readable } from 'node:stream';
import { createConnectorLogger } from './logger';
import { readMessages } from './read-messages';

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
