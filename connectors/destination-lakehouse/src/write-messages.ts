/**
 * The destination's write loop. Records are buffered per stream; a commit writes the records covered by
 * the STATEs received so far together with those states (one transaction), and only then are the states
 * echoed, in the order received, with destinationStats. Records after a stream's last STATE wait for the
 * next one, so after a crash a resumed read neither loses nor repeats them.
 */
import type { AirbyteMessage, AirbyteStateMessage } from '../../cdk/protocol';
import type { ConnectorLogger } from '../../cdk/logger';
import type { MessageInput } from '../../cdk/destination';
import { rawRecordData } from '../../cdk/read-messages';
import type { LakehouseBackend, RawRow, StateRow, StreamBatch } from './backend';
import { descriptorKey, emptyMeta, type StreamPlan } from './stream-plan';
import type { ResolvedLakehouseConfig } from './lakehouse-config';
import { crashHook, type CrashHook } from './crash-hook';

interface StreamBuffer {
  plan: StreamPlan;
  rows: RawRow[];
  /** How many of `rows` a received STATE covers. */
  covered: number;
  sinceState: number;
  rejectedSinceState: number;
  checkpoints: boolean;
  status?: 'COMPLETE' | 'INCOMPLETE';
  emptyMeta: string;
}

interface PendingState {
  message: AirbyteStateMessage;
  streamKey: string;
}

export interface WriteSummary {
  records: number;
  rejected: number;
  unknownStream: number;
  committed: number;
  states: number;
  dropped: number;
}

export interface WriteOptions {
  config: ResolvedLakehouseConfig;
  plans: StreamPlan[];
  backend: LakehouseBackend;
  logger: ConnectorLogger;
  /** Flush when a state waits longer than this (ms); production default 5 s. */
  flushIntervalMs?: number;
  crash?: CrashHook;
  summary?: WriteSummary;
}

/**
 * Covered rows gathered before they are handed to a backend that stages them (LakehouseBackend.stage): a
 * quarter of a batch, at most 5,000 (one await per hand-over).
 */
function stageRows(batchSize: number): number {
  return Math.min(5000, Math.ceil(batchSize / 4));
}

/** The state as stored for the next read: without the destination's counters. */
function storedState(state: AirbyteStateMessage): AirbyteStateMessage {
  const { destinationStats: _d, ...rest } = state;
  return rest;
}

function stateKey(state: AirbyteStateMessage): string {
  if (state.type === 'STREAM' && state.stream) return descriptorKey(state.stream.stream_descriptor);
  if (state.type === 'GLOBAL') return '__global__';
  return '__legacy__';
}

async function* singles(input: AsyncIterable<AirbyteMessage>): AsyncGenerator<readonly AirbyteMessage[]> {
  for await (const m of input) yield [m];
}

export async function* writeMessages(
  options: WriteOptions,
  input: MessageInput,
): AsyncGenerator<AirbyteMessage> {
  const { backend, logger, config } = options;
  const crash = options.crash ?? crashHook();
  const flushIntervalMs = options.flushIntervalMs ?? 5000;
  const summary: WriteSummary = options.summary ?? {
    records: 0,
    rejected: 0,
    unknownStream: 0,
    committed: 0,
    states: 0,
    dropped: 0,
  };
  const typeOnClient = backend.typeOnClient?.bind(backend);
  const buffers = new Map<string, StreamBuffer>();
  for (const plan of options.plans) {
    buffers.set(plan.key, {
      plan,
      rows: [],
      covered: 0,
      sinceState: 0,
      rejectedSinceState: 0,
      checkpoints: false,
      emptyMeta: emptyMeta(plan),
    });
  }
  const unknownWarned = new Set<string>();
  /** Streams a STATE has covered in this run (their reads resume from a state). */
  const stateSeen = new Set<string>();
  let pending: PendingState[] = [];
  const toFinalize: StreamPlan[] = [];
  let coveredTotal = 0;
  let bufferedTotal = 0;
  let lastFlush = Date.now();
  let globalSince = 0;
  let globalRejected = 0;
  let commits = 0;

  const startedAt = Date.now();
  const cpuAtStart = process.cpuUsage();
  await backend.open();
  try {
    for (const plan of options.plans) await backend.prepareStream(plan);
    lastFlush = Date.now();
    logger.info(`writing ${options.plans.length} stream(s) to ${backend.engine} ${backend.location}`);

    // One commit runs in the background while the next batch is parsed; commits stay in order.
    let inflight: Promise<AirbyteMessage[]> | undefined;
    let inflightDone = false;

    const awaitInflight = async (): Promise<AirbyteMessage[]> => {
      if (!inflight) return [];
      const p = inflight;
      inflight = undefined;
      inflightDone = false;
      return p;
    };

    /** Take the covered rows (or all) out of the stream buffers. */
    const take = (everything: boolean): StreamBatch[] => {
      const batches: StreamBatch[] = [];
      for (const b of buffers.values()) {
        const n = everything ? b.rows.length : b.covered;
        if (n === 0) continue;
        batches.push({ plan: b.plan, rows: n === b.rows.length ? b.rows : b.rows.slice(0, n) });
        b.rows = n === b.rows.length ? [] : b.rows.slice(n);
        b.covered = Math.max(0, b.covered - n);
      }
      bufferedTotal = 0;
      coveredTotal = 0;
      for (const b of buffers.values()) {
        bufferedTotal += b.rows.length;
        coveredTotal += b.covered;
      }
      return batches;
    };

    /** Covered rows handed to the backend ahead of the commit (LakehouseBackend.stage). */
    let stagedTotal = 0;
    const stage = async (): Promise<void> => {
      const batches = take(false);
      for (const batch of batches) stagedTotal += batch.rows.length;
      await backend.stage?.(batches);
    };

    /** Start a commit of everything covered so far; resolves to the echoes of the previous commit. */
    const flush = async (everything: boolean): Promise<AirbyteMessage[]> => {
      const batches = take(everything);
      const latest = new Map<string, StateRow>();
      for (const p of pending)
        latest.set(p.streamKey, { streamKey: p.streamKey, state: storedState(p.message) });
      const finalize = toFinalize.splice(0);
      const echoes = pending.map((p): AirbyteMessage => ({ type: 'STATE', state: p.message }));
      pending = [];
      disarmWake();
      lastFlush = Date.now();
      const staged = stagedTotal;
      stagedTotal = 0;
      if (batches.length === 0 && staged === 0 && latest.size === 0 && finalize.length === 0)
        return awaitInflight();
      if (crash.idleBefore?.(commits + 1)) await inflight?.catch(() => undefined);
      const n = ++commits;
      crash.atCommitStart(n);
      // The new commit starts writing its data while the previous one may still be committing; the backend
      // commits it only after the previous commit succeeded (`after`), so commits stay in order.
      const previousCommit = inflight;
      const after = previousCommit?.then(() => undefined);
      after?.catch(() => undefined);
      let rows = staged;
      for (const batch of batches) rows += batch.rows.length;
      const p: Promise<AirbyteMessage[]> = backend
        .commit(
          { batches, states: [...latest.values()], finalize },
          { beforeCommit: () => crash.beforeCommit(n), after },
        )
        .then(() => {
          crash.afterCommit(n);
          summary.committed += rows;
          if (inflight === p) inflightDone = true;
          return echoes;
        });
      // Failures surface when the commit is awaited; keep Node from reporting them as unhandled meanwhile.
      p.catch(() => undefined);
      inflight = p;
      inflightDone = false;
      return previousCommit ?? [];
    };

    // A state that waits while the source is quiet is committed after flushIntervalMs all the same.
    let wake: Promise<'wake'> | undefined;
    let wakeTimer: NodeJS.Timeout | undefined;
    const armWake = () => {
      if (wake || pending.length === 0) return;
      wake = new Promise((resolve) => {
        wakeTimer = setTimeout(
          () => resolve('wake'),
          Math.max(0, flushIntervalMs - (Date.now() - lastFlush)),
        );
      });
    };
    const disarmWake = () => {
      if (wakeTimer) clearTimeout(wakeTimer);
      wake = undefined;
      wakeTimer = undefined;
    };

    // Messages come a chunk of stdin at a time when the input offers it: one await per chunk, not per message.
    const iterator = (input.batches ? input.batches() : singles(input))[Symbol.asyncIterator]();
    let nextP = iterator.next();
    try {
      while (true) {
        armWake();
        const running = inflight && !inflightDone ? inflight : undefined;
        if (running || wake) {
          const waiters: Promise<'input' | 'commit' | 'wake'>[] = [nextP.then(() => 'input' as const)];
          if (running) waiters.push(running.then(() => 'commit' as const));
          if (wake) waiters.push(wake);
          const winner = await Promise.race(waiters);
          if (winner === 'commit') {
            for (const m of await awaitInflight()) yield m;
            continue;
          }
          if (winner === 'wake') {
            disarmWake();
            for (const m of await flush(false)) yield m;
            continue;
          }
        }
        if (inflight && inflightDone) for (const m of await awaitInflight()) yield m;
        const result = await nextP;
        if (result.done) break;
        nextP = iterator.next();
        for (const msg of result.value) {
          if (inflight && inflightDone) for (const m of await awaitInflight()) yield m;
          switch (msg.type) {
            case 'RECORD': {
              const r = msg.record;
              const key = descriptorKey({ name: r.stream, namespace: r.namespace });
              const b = buffers.get(key);
              if (!b) {
                summary.unknownStream++;
                if (!unknownWarned.has(key)) {
                  unknownWarned.add(key);
                  logger.warn(
                    `record for stream '${key}', which is not in the catalog: skipped (and counted)`,
                  );
                }
                continue;
              }
              const data =
                r.data && typeof r.data === 'object' && !Array.isArray(r.data) ? r.data : { value: r.data };
              const changes = b.plan.check(data as Record<string, unknown>);
              const sourceChanges = r.meta?.changes;
              let meta = b.emptyMeta;
              if (changes || sourceChanges?.length) {
                meta = JSON.stringify({
                  sync_id: b.plan.syncId,
                  changes: [...(sourceChanges ?? []), ...(changes ?? [])],
                });
              }
              if (changes) {
                summary.rejected++;
                b.rejectedSinceState++;
                globalRejected++;
              }
              b.rows.push({
                extractedAt: typeof r.emitted_at === 'number' ? Math.trunc(r.emitted_at) : Date.now(),
                data: (data === r.data ? rawRecordData(msg) : undefined) ?? JSON.stringify(data),
                typed: typeOnClient ? typeOnClient(b.plan, data as Record<string, unknown>) : undefined,
                meta,
              });
              summary.records++;
              b.sinceState++;
              globalSince++;
              bufferedTotal++;
              if (bufferedTotal >= config.maxBufferedRecords) {
                logger.warn(
                  `${bufferedTotal} records arrived without a covering STATE; committing them now ` +
                    '(after a crash, append streams may receive some of them twice)',
                );
                for (const m of await flush(true)) yield m;
              }
              break;
            }
            case 'STATE': {
              const state = msg.state;
              const key = stateKey(state);
              summary.states++;
              let recordCount: number;
              let rejectedCount: number;
              if (key === '__global__' || key === '__legacy__') {
                for (const b of buffers.values()) {
                  stateSeen.add(b.plan.key);
                  b.covered = b.rows.length;
                  b.checkpoints = true;
                  b.sinceState = 0;
                  b.rejectedSinceState = 0;
                }
                recordCount = globalSince;
                rejectedCount = globalRejected;
                globalSince = 0;
                globalRejected = 0;
              } else {
                const b = buffers.get(key);
                stateSeen.add(key);
                recordCount = b?.sinceState ?? 0;
                rejectedCount = b?.rejectedSinceState ?? 0;
                if (b) {
                  b.covered = b.rows.length;
                  b.checkpoints = true;
                  b.sinceState = 0;
                  b.rejectedSinceState = 0;
                }
              }
              pending.push({
                streamKey: key,
                message: { ...state, destinationStats: { recordCount, rejectedRecordCount: rejectedCount } },
              });
              coveredTotal = 0;
              for (const b of buffers.values()) coveredTotal += b.covered;
              if (
                coveredTotal + stagedTotal >= config.batchSize ||
                Date.now() - lastFlush >= flushIntervalMs
              ) {
                for (const m of await flush(false)) yield m;
              } else if (backend.stage && coveredTotal >= stageRows(config.batchSize)) {
                await stage();
              }
              break;
            }
            case 'TRACE': {
              const status = msg.trace.type === 'STREAM_STATUS' ? msg.trace.stream_status : undefined;
              if (!status) break;
              const b = buffers.get(descriptorKey(status.stream_descriptor));
              if (!b) break;
              b.checkpoints = true;
              if (status.status === 'COMPLETE') {
                b.status = 'COMPLETE';
                // Records after the stream's last STATE belong to a finished stream: commit them with it.
                // No state covers them, so the next read (resumed after a crash or not) sends them again.
                const uncovered = b.rows.length - b.covered;
                if (
                  uncovered > 0 &&
                  b.plan.mode === 'append' &&
                  !b.plan.staged &&
                  (stateSeen.has(b.plan.key) || b.plan.cursor.length > 0)
                )
                  logger.warn(
                    `stream ${b.plan.key}: ${uncovered} record(s) after its last STATE are committed with the ` +
                      "stream's completion, but no state covers them: the next incremental read sends them " +
                      'again and this append stream receives them twice (the source should emit a STATE ' +
                      'after its last record)',
                  );
                b.covered = b.rows.length;
                toFinalize.push(b.plan);
                for (const m of await flush(false)) yield m;
              } else if (status.status === 'INCOMPLETE') {
                b.status = 'INCOMPLETE';
              }
              break;
            }
            default:
              break;
          }
        }
      }
    } finally {
      disarmWake();
    }

    // End of input. Streams that never checkpoint are committed whole; a checkpointing stream's records
    // after its last STATE are left for the resumed read that will send them again.
    for (const b of buffers.values()) {
      if (!b.checkpoints) b.covered = b.rows.length;
      const left = b.rows.length - b.covered;
      if (left > 0) {
        summary.dropped += left;
        logger.warn(
          `stream ${b.plan.key}: ${left} record(s) after its last STATE were not committed ` +
            '(the source did not finish the stream); a resumed sync reads them again',
        );
      }
    }
    for (const m of await flush(false)) yield m;
    for (const m of await awaitInflight()) yield m;
    const cpu = process.cpuUsage(cpuAtStart);
    logger.info(
      `committed ${summary.committed} record(s) (${summary.rejected} rejected by the stream schema), ` +
        `${summary.states} state(s); skipped ${summary.unknownStream} record(s) of streams not in the catalog; ` +
        `${((Date.now() - startedAt) / 1000).toFixed(2)} s, cpu ${((cpu.user + cpu.system) / 1e6).toFixed(2)} s, ` +
        `peak rss ${Math.round(process.resourceUsage().maxRSS / 1024)} MB`,
    );
  } finally {
    await backend.close();
  }
}
