/** Progress output: bars (on a terminal) and JSON events. */
import { PassThrough } from 'node:stream';
import { barProgress, jsonProgress } from '../../runner/sync/sync-progress';

test('bars show each stream with its count against the TRACE ESTIMATE, what is committed, and a rate', () => {
  const out = new PassThrough();
  let text = '';
  out.on('data', (c: Buffer) => (text += c.toString('utf8')));
  const tty = Object.assign(out, { isTTY: true, columns: 120, rows: 40 }) as unknown as NodeJS.WriteStream;
  const p = barProgress(tty);
  p.started({ syncId: 1, connection: 'c', streams: ['courses'] });
  p.update({ stream: 'courses', read: 0, committed: 0, rejected: 0, bytes: 0, estimate: 200 }, 'estimate');
  p.update(
    { stream: 'courses', read: 120, committed: 100, rejected: 0, bytes: 9000, estimate: 200 },
    'committed',
  );
  p.finished({});
  expect(text).toMatch(/courses \[.*\] 120\/200 read \| 100 committed \| \d+\/s \| ETA /);
});

test('JSON events: one object per line; read progress throttled, commits always reported', () => {
  const out = new PassThrough();
  const p = jsonProgress(out, 60_000);
  p.started({ syncId: 3, connection: 'c', streams: ['a'] });
  const s = { stream: 'a', read: 1, committed: 0, rejected: 0, bytes: 10 };
  p.update(s, 'read');
  p.update({ ...s, read: 2 }, 'read'); // within the interval: dropped
  p.update({ ...s, read: 2, committed: 2 }, 'committed');
  p.streamStatus('a', 'COMPLETE');
  p.finished({ sync_id: 3, status: 'succeeded' });
  const events = String(out.read())
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l));
  expect(events.map((e) => [e.event, e.records_read])).toEqual([
    ['sync_started', undefined],
    ['progress', 1],
    ['state_committed', 2],
    ['stream_status', undefined],
    ['sync_finished', undefined],
  ]);
  expect(events[0]).toMatchObject({ sync_id: 3, connection: 'c', streams: ['a'] });
});
