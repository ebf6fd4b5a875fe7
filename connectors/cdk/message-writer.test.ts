import { Writable } from 'node:stream';
import { MessageWriter } from './message-writer';

/** A pipe-like sink that accepts a little, then needs time: it calls back on the next turn. */
function slowSink(highWaterMark: number) {
  let maxBuffered = 0;
  const chunks: string[] = [];
  const sink = new Writable({
    highWaterMark,
    write(chunk: Buffer, _enc, cb) {
      chunks.push(chunk.toString());
      setImmediate(cb);
    },
  });
  const measure = () => (maxBuffered = Math.max(maxBuffered, sink.writableLength));
  return { sink, chunks, measure, max: () => maxBuffered };
}

test('waits for drain: the sink never buffers more than about one batch beyond its high-water mark', async () => {
  const { sink, chunks, measure, max } = slowSink(4096);
  const w = new MessageWriter(sink, { batchBytes: 2048 });
  let waits = 0;
  const data = { text: 'x'.repeat(200) };
  for (let i = 0; i < 5000; i++) {
    const p = w.writeRecord('s', { ...data, i }, 1);
    measure();
    if (p) {
      waits++;
      await p;
    }
  }
  await w.close();
  await new Promise<void>((r) => sink.end(r));
  expect(waits).toBeGreaterThan(0);
  expect(max()).toBeLessThan(4096 + 2048 + 512);
  const lines = chunks.join('').split('\n').filter(Boolean);
  expect(lines).toHaveLength(5000);
  expect(JSON.parse(lines[4999])).toEqual({
    type: 'RECORD',
    record: { stream: 's', data: { ...data, i: 4999 }, emitted_at: 1 },
  });
  expect(w.counts.RECORD).toBe(5000);
});

test('records carry the namespace when there is one; LOG and TRACE are redacted, records are not rewritten', async () => {
  const { sink, chunks } = slowSink(1 << 20);
  const w = new MessageWriter(sink, { redact: (t) => t.split('hunter2').join('*****') });
  w.writeRecord('s', { a: 1 }, 5, 'ns');
  w.write({ type: 'LOG', log: { level: 'INFO', message: 'password hunter2' } });
  await w.close();
  await new Promise<void>((r) => sink.end(r));
  const [rec, log] = chunks
    .join('')
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l));
  expect(rec).toEqual({
    type: 'RECORD',
    record: { stream: 's', namespace: 'ns', data: { a: 1 }, emitted_at: 5 },
  });
  expect(log.log.message).toBe('password *****');
  expect(() => w.writeLine('{}')).toThrow(/after close/);
});
