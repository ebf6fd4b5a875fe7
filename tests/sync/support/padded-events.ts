/**
 * A deterministic stream of large records for the full-disk and lost-connection tests, fed straight to a
 * destination-lakehouse child process: `events` (append), a STATE every `every` records, COMPLETE at the end.
 * Each record carries about `pad` bytes of incompressible text, so a few MB fill a small disk quickly.
 */
import fs from 'node:fs';
import path from 'node:path';
import { createHash } from 'node:crypto';
import { runConnector, type ConnectorRun } from '../../../connectors/cdk/testing/connector-process';
import type { AirbyteMessage } from '../../../connectors/cdk/protocol';
import { ROOT } from './sync-project';

export const DESTINATION = path.join(ROOT, 'connectors', 'destination-lakehouse', 'src', 'index.ts');

export const EVENTS_CATALOG = {
  streams: [
    {
      stream: {
        name: 'events',
        json_schema: {
          type: 'object',
          properties: { id: { type: 'integer' }, body: { type: 'string' } },
        },
        supported_sync_modes: ['incremental'],
      },
      sync_mode: 'incremental',
      destination_sync_mode: 'append',
      cursor_field: ['id'],
    },
  ],
};

export function body(id: number, pad: number): string {
  let s = '';
  for (let i = 0; s.length < pad; i++) s += createHash('sha256').update(`${id}:${i}`).digest('base64');
  return s.slice(0, pad);
}

/** Records from+1..to with a STATE {cursor} after every `every`-th and the last; COMPLETE when `to` is the end. */
export function eventMessages(
  from: number,
  to: number,
  opts: { every: number; pad: number; complete?: boolean },
) {
  const out: string[] = [];
  const push = (m: AirbyteMessage) => out.push(JSON.stringify(m));
  for (let id = from + 1; id <= to; id++) {
    push({
      type: 'RECORD',
      record: { stream: 'events', data: { id, body: body(id, opts.pad) }, emitted_at: 1_767_225_600_000 },
    });
    if (id % opts.every === 0 || id === to)
      push({
        type: 'STATE',
        state: {
          type: 'STREAM',
          stream: { stream_descriptor: { name: 'events' }, stream_state: { cursor: id } },
        },
      });
  }
  if (opts.complete !== false)
    push({
      type: 'TRACE',
      trace: {
        type: 'STREAM_STATUS',
        emitted_at: 1,
        stream_status: { stream_descriptor: { name: 'events' }, status: 'COMPLETE' },
      },
    });
  return out.join('\n') + '\n';
}

/** Run `write` with the given stdin; config and catalog files go to `dir`. */
export function writeEvents(
  dir: string,
  config: Record<string, unknown>,
  stdin: string,
  env: Record<string, string> = {},
): Promise<ConnectorRun> {
  const cfg = path.join(dir, 'dest-config.json');
  const cat = path.join(dir, 'dest-catalog.json');
  fs.writeFileSync(cfg, JSON.stringify({ source_name: 'p', ...config }));
  fs.writeFileSync(cat, JSON.stringify(EVENTS_CATALOG));
  return runConnector(DESTINATION, ['write', '--config', cfg, '--catalog', cat], {
    stdin,
    env,
    timeoutMs: 60_000,
  });
}

/** The cursors of the STATE messages a run echoed, in order. */
export function echoedCursors(run: ConnectorRun): number[] {
  return run.messages
    .filter((m): m is Extract<AirbyteMessage, { type: 'STATE' }> => m.type === 'STATE')
    .map((m) => (m.state.stream?.stream_state as { cursor: number }).cursor);
}

/** The TRACE ERROR a failed run reported. */
export function traceError(run: ConnectorRun) {
  const t = run.messages.find((m) => m.type === 'TRACE' && m.trace.type === 'ERROR');
  return t && t.type === 'TRACE' ? t.trace.error : undefined;
}
