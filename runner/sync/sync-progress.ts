/**
 * Progress of a running sync: per-stream bars (cli-progress) with counts, rate and an ETA from the
 * source's TRACE ESTIMATE on a terminal, or machine-readable JSON events (`--json`), one per line.
 */
import { MultiBar, Presets, type SingleBar } from 'cli-progress';

export interface StreamProgress {
  stream: string;
  read: number;
  committed: number;
  rejected: number;
  bytes: number;
  estimate?: number;
  status?: string;
}

export interface ProgressEvent {
  event: 'sync_started' | 'progress' | 'stream_status' | 'state_committed' | 'sync_finished';
  [k: string]: unknown;
}

export interface ProgressReporter {
  started(info: { syncId: number; connection: string; streams: string[] }): void;
  update(p: StreamProgress, reason: 'read' | 'committed' | 'estimate'): void;
  streamStatus(stream: string, status: string): void;
  finished(summary: Record<string, unknown>): void;
}

/** JSON lines on `out`; read progress is thrown out at most every `minIntervalMs` per stream. */
export function jsonProgress(out: NodeJS.WritableStream, minIntervalMs = 1000): ProgressReporter {
  const last = new Map<string, number>();
  const emit = (e: ProgressEvent) => out.write(JSON.stringify({ ...e, ts: new Date().toISOString() }) + '\n');
  return {
    started: (info) =>
      emit({
        event: 'sync_started',
        sync_id: info.syncId,
        connection: info.connection,
        streams: info.streams,
      }),
    update: (p, reason) => {
      const now = Date.now();
      if (reason === 'read' && now - (last.get(p.stream) ?? 0) < minIntervalMs) return;
      last.set(p.stream, now);
      emit({
        event: reason === 'committed' ? 'state_committed' : 'progress',
        stream: p.stream,
        records_read: p.read,
        records_committed: p.committed,
        records_rejected: p.rejected,
        bytes: p.bytes,
        ...(p.estimate !== undefined ? { estimate: p.estimate } : {}),
      });
    },
    streamStatus: (stream, status) => emit({ event: 'stream_status', stream, status }),
    finished: (summary) => emit({ event: 'sync_finished', ...summary }),
  };
}

/** Bars on stderr when it is a terminal. */
export function barProgress(stream: NodeJS.WriteStream = process.stderr): ProgressReporter {
  const multi = new MultiBar(
    {
      stream,
      hideCursor: true,
      clearOnComplete: false,
      etaBuffer: 50,
      format:
        '{stream} [{bar}] {value}/{total} read | {committed} committed | {rate}/s | ETA {eta_formatted}',
    },
    Presets.shades_classic,
  );
  const bars = new Map<string, SingleBar>();
  const startedAt = new Map<string, number>();
  const bar = (p: StreamProgress): SingleBar => {
    let b = bars.get(p.stream);
    if (!b) {
      b = multi.create(p.estimate ?? 0, 0, { stream: p.stream, committed: 0, rate: 0 });
      bars.set(p.stream, b);
      startedAt.set(p.stream, Date.now());
    }
    return b;
  };
  return {
    started: (info) => {
      for (const stream of info.streams) bar({ stream, read: 0, committed: 0, rejected: 0, bytes: 0 });
    },
    update: (p) => {
      const b = bar(p);
      const secs = Math.max(0.001, (Date.now() - (startedAt.get(p.stream) ?? Date.now())) / 1000);
      if (p.estimate !== undefined && p.estimate > b.getTotal()) b.setTotal(p.estimate);
      if (p.read > b.getTotal()) b.setTotal(p.read);
      b.update(p.read, { stream: p.stream, committed: p.committed, rate: Math.round(p.read / secs) });
    },
    streamStatus: () => undefined,
    finished: () => multi.stop(),
  };
}

/** No bars (not a terminal): the logger reports the outcome. */
export function quietProgress(): ProgressReporter {
  return {
    started: () => undefined,
    update: () => undefined,
    streamStatus: () => undefined,
    finished: () => undefined,
  };
}
