/**
 * `learnflow sync <connection>`: run the source's `read` and the destination's `write` as two child
 * processes piped together (as the Airbyte platform does), with the states the destination committed as
 * the next run's `--state`, a run history row per sync and per stream, and progress as it goes.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { AirbyteCatalog, AirbyteMessage, AirbyteStateMessage } from '../../connectors/cdk/protocol';
import { descriptorKey } from '../../connectors/destination-lakehouse/src/stream-plan';
import { ConfigError, LearnflowError } from '../common/errors';
import type { Logger } from '../common/logger';
import { requireEnv } from '../config/interpolate-env';
import type { ConnectionSettings, LakehouseSettings, LoadedConfig } from '../config/learnflow-config';
import { serializeByKey } from '../../connectors/cdk/serialize-by-key';
import {
  DEFAULT_LAKEHOUSE,
  describeLakehouse,
  openLakehouse,
  type LakehouseConnection,
} from '../lakehouse/lakehouse-connection';
import {
  ensureHistoryTables,
  insertSyncRun,
  lastStreamRuns,
  maxGenerations,
  nextSyncId,
  updateSyncRun,
  upsertStreamRun,
  type RunStatus,
} from '../lakehouse/run-history';
import { clearStates, finalizedGenerations, readStates } from '../lakehouse/state-store';
import { connectorCommand, type ConnectorCommand } from './connector-command';
import { embeddedDestination, spawnDestination, type DestinationEndpoint } from './destination-endpoint';
import { findConnector } from '../../connectors/registry';
import {
  catalogFingerprint,
  ensureCatalogTable,
  readCachedCatalog,
  storeCatalog,
} from '../lakehouse/catalog-cache';
import { onLines } from './line-reader';
import { keepTail, runConnectorCommand } from './run-connector';
import { planSync, type StreamHistory, type SyncPlan } from './sync-plan';
import type { ProgressReporter, StreamProgress } from './sync-progress';

/** A sync that ran but did not finish: the source or the destination failed. */
export class SyncFailedError extends LearnflowError {}

export interface SyncOptions {
  loaded: LoadedConfig;
  connection: string;
  logger: Logger;
  progress: ProgressReporter;
  /** Start every stream over in a new generation (a truncate refresh). */
  refresh?: boolean;
  /**
   * `process` (default): the destination runs as a child process, as the Airbyte platform runs it.
   * `embedded`: the registered destination-lakehouse runs inside this process (same runner, same code),
   * sharing the lakehouse's DuckDB instance, so several syncs can write one DuckDB file side by side.
   * A destination given as a `command` always runs as a process.
   */
  destinationMode?: 'process' | 'embedded';
  /** An open lakehouse for the bookkeeping (kept open by the caller); otherwise opened when needed. */
  lakehouse?: LakehouseConnection;
  /** Run the source's discover even when the catalog of the last discover still applies. */
  refreshCatalog?: boolean;
}

export interface StreamResult extends StreamProgress {
  status: RunStatus;
  generationId: number | null;
  syncMode: string;
  destinationSyncMode: string;
  error?: string;
}

export interface SyncResult {
  syncId: number;
  connection: string;
  status: RunStatus;
  startedAt: string;
  endedAt: string;
  recordsRead: number;
  recordsCommitted: number;
  recordsRejected: number;
  bytes: number;
  error?: string;
  streams: StreamResult[];
}

function lakehouseOf(loaded: LoadedConfig): LakehouseSettings {
  return loaded.config.lakehouse ?? DEFAULT_LAKEHOUSE;
}

/** destination-lakehouse's config for this lakehouse and connection. */
function destinationConfig(
  settings: LakehouseSettings,
  baseDir: string,
  connection: string,
  sourceName: string,
) {
  const backend =
    settings.engine === 'postgres'
      ? { engine: 'postgres', url: settings.url }
      : { engine: 'duckdb', path: path.resolve(baseDir, settings.path ?? '.learnflow/lakehouse.duckdb') };
  return {
    backend,
    raw_schema: settings.raw_schema ?? 'airbyte_internal',
    typed_schema: settings.typed_schema ?? 'raw',
    source_name: sourceName,
    connection_id: connection,
  };
}

async function withLakehouse<T>(
  loaded: LoadedConfig,
  logger: Logger,
  fn: (c: LakehouseConnection) => Promise<T>,
  shared?: LakehouseConnection,
): Promise<T> {
  if (shared) return fn(shared);
  const conn = await openLakehouse(lakehouseOf(loaded), { baseDir: loaded.dir, logger });
  try {
    return await fn(conn);
  } finally {
    await conn.close();
  }
}

async function inTransaction<T>(c: LakehouseConnection, fn: (c: LakehouseConnection) => Promise<T>) {
  await c.exec('BEGIN');
  try {
    const result = await fn(c);
    await c.exec('COMMIT');
    return result;
  } catch (e) {
    await c.exec('ROLLBACK').catch(() => undefined);
    throw e;
  }
}

function writeJson(dir: string, name: string, value: unknown): string {
  const file = path.join(dir, name);
  fs.writeFileSync(file, JSON.stringify(value), { mode: 0o600 });
  return file;
}

async function discover(cmd: ConnectorCommand, configFile: string, logger: Logger): Promise<AirbyteCatalog> {
  const r = await runConnectorCommand(cmd, ['discover', '--config', configFile]);
  const catalog = r.messages.find((m) => m.type === 'CATALOG');
  if (r.code === 0 && catalog?.type === 'CATALOG') return catalog.catalog;
  const trace = r.messages.find((m) => m.type === 'TRACE' && m.trace.type === 'ERROR');
  const why =
    trace?.type === 'TRACE'
      ? trace.trace.error?.message
      : r.stderrTail.slice(-3).join(' | ') || `exit ${r.code}`;
  throw new SyncFailedError(logger.redact(`the source's discover failed: ${why}`), {
    where: cmd.label,
    hint: 'check the source config in learnflow.yml',
  });
}

function exitOf(child: ChildProcess): Promise<{ code: number | null; signal: NodeJS.Signals | null }> {
  return new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code, signal) => resolve({ code, signal }));
  });
}

function describeExit(name: string, e: { code: number | null; signal: NodeJS.Signals | null }): string {
  return e.signal ? `${name} was killed by ${e.signal}` : `${name} exited with code ${e.code}`;
}

export async function runSync(options: SyncOptions): Promise<SyncResult> {
  const { loaded, connection, logger, progress } = options;
  for (const s of loaded.secrets) logger.addSecret(s);
  const conn: ConnectionSettings | undefined = loaded.config.connections?.[connection];
  if (!conn) {
    const known = Object.keys(loaded.config.connections ?? {});
    throw new ConfigError(`no connection named '${connection}'`, {
      where: loaded.file,
      hint: known.length ? `connections: ${known.join(', ')}` : 'declare it under connections:',
    });
  }
  requireEnv(loaded.missingEnv, [`connections.${connection}`, 'lakehouse'], loaded.file);
  const settings = lakehouseOf(loaded);
  if (settings.engine === 'postgres') {
    logger.addSecret(settings.url);
    try {
      const password = decodeURIComponent(new URL(settings.url).password);
      if (password) logger.addSecret(password);
    } catch (_e) {
      // an unparseable URL fails when the lakehouse is opened, with its own message
    }
  }
  const sourceCmd = connectorCommand(
    conn.source,
    'source',
    `connections.${connection}.source`,
    loaded.dir,
    (m) => logger.debug(m),
  );
  // A registered destination runs embedded when asked; otherwise (and for a `command`) as a process, whose
  // command is checked here, before any bookkeeping.
  const registered = conn.destination?.command?.length
    ? undefined
    : findConnector(conn.destination?.connector ?? 'destination-lakehouse');
  const embedded =
    options.destinationMode === 'embedded' && registered?.kind === 'destination' ? registered : undefined;
  const destCmd = embedded
    ? undefined
    : connectorCommand(
        conn.destination ?? { connector: 'destination-lakehouse' },
        'destination',
        `connections.${connection}.destination`,
        loaded.dir,
      );
  // Syncs running side by side in this process take turns at the bookkeeping.
  // Each piece of bookkeeping is one transaction.
  const lake = <T>(fn: (c: LakehouseConnection) => Promise<T>) =>
    serializeByKey(`lakehouse:${describeLakehouse(settings, loaded.dir)}`, () =>
      withLakehouse(loaded, logger, (c) => inTransaction(c, fn), options.lakehouse),
    );
  const fingerprint = catalogFingerprint(sourceCmd, conn.source.config ?? {});
  const work = fs.mkdtempSync(path.join(os.tmpdir(), `learnflow-sync-${connection}-`));
  try {
    const sourceConfigFile = writeJson(work, 'source-config.json', conn.source.config ?? {});
    const destConfig = {
      ...destinationConfig(settings, loaded.dir, connection, conn.source_name ?? connection),
      ...(conn.destination?.config ?? {}),
    };
    const destConfigFile = writeJson(work, 'destination-config.json', destConfig);

    // Bookkeeping first, so even a failing discover leaves a history row.
    const startedAt = new Date().toISOString();
    const prior = await lake(async (c) => {
      await ensureHistoryTables(c);
      await ensureCatalogTable(c);
      const syncId = await nextSyncId(c);
      await insertSyncRun(c, {
        syncId,
        connection,
        startedAt,
        status: 'running',
        recordsRead: 0,
        recordsCommitted: 0,
        recordsRejected: 0,
        bytes: 0,
      });
      const last = await lastStreamRuns(c, connection);
      const maxGen = await maxGenerations(c, connection);
      const finalized = await finalizedGenerations(c, connection);
      const stored = await readStates(c, connection);
      const cached = options.refreshCatalog ? undefined : await readCachedCatalog(c, connection, fingerprint);
      return { syncId, last, maxGen, finalized, stored, cached };
    });
    const syncId = prior.syncId;
    const fail = async (error: string, streams: StreamResult[] = []): Promise<SyncResult> => {
      const result: SyncResult = {
        syncId,
        connection,
        status: 'failed',
        startedAt,
        endedAt: new Date().toISOString(),
        recordsRead: 0,
        recordsCommitted: 0,
        recordsRejected: 0,
        bytes: 0,
        error: logger.redact(error),
        streams,
      };
      await lake((c) => updateSyncRun(c, result));
      return result;
    };

    let plan: SyncPlan;
    try {
      // The catalog of the last discover while the connector and its config are the same (and it is
      // recent): the Airbyte platform, too, keeps a connection's catalog until a schema refresh.
      let discovered = prior.cached;
      if (discovered) logger.debug(`catalog of the last discover reused (${fingerprint.slice(0, 12)})`);
      else {
        discovered = await discover(sourceCmd, sourceConfigFile, logger);
        const fresh = discovered;
        await lake((c) => storeCatalog(c, connection, fingerprint, fresh));
      }
      const history = new Map<string, StreamHistory>();
      for (const s of discovered.streams) {
        const key = descriptorKey(s);
        history.set(key, {
          last: prior.last.get(key),
          maxGeneration: prior.maxGen.get(key),
          finalizedGeneration: prior.finalized.get(key),
        });
      }
      plan = planSync({
        connection,
        discovered,
        settings: conn.streams,
        syncId,
        history,
        stored: new Map(prior.stored.map((s) => [s.streamKey, s.state])),
        refresh: options.refresh,
      });
    } catch (e) {
      const msg = e instanceof LearnflowError ? e.describe() : (e as Error).message;
      const r = await fail(msg);
      progress.finished({ sync_id: syncId, status: 'failed', error: r.error });
      throw e;
    }

    const progressOf = new Map<string, StreamResult>();
    for (const p of plan.streams)
      progressOf.set(p.key, {
        stream: p.key,
        read: 0,
        committed: 0,
        rejected: 0,
        bytes: 0,
        status: 'running',
        generationId: p.configured.generation_id ?? null,
        syncMode: p.configured.sync_mode,
        destinationSyncMode: String(p.configured.destination_sync_mode),
      });
    await lake(async (c) => {
      await clearStates(c, connection, plan.clearStateKeys);
      for (const s of progressOf.values()) await upsertStreamRun(c, streamRow(syncId, startedAt, s));
    });
    progress.started({ syncId, connection, streams: plan.streams.map((p) => p.key) });
    logger.info(
      `sync ${syncId} of ${connection}: ${plan.streams.length} stream(s), ` +
        `${plan.streams.filter((p) => p.resume && plan.states.length).length} resuming from saved state`,
    );

    const catalogFile = writeJson(work, 'catalog.json', plan.catalog);
    const readArgs = ['read', '--config', sourceConfigFile, '--catalog', catalogFile];
    if (plan.states.length) readArgs.push('--state', writeJson(work, 'state.json', plan.states));
    const writeArgs = ['write', '--config', destConfigFile, '--catalog', catalogFile];
    const startDestination = (): DestinationEndpoint =>
      embedded
        ? embeddedDestination(embedded.load(), writeArgs)
        : spawnDestination(destCmd as ConnectorCommand, writeArgs);
    const outcome = await pipeProcesses(sourceCmd, readArgs, startDestination, {
      logger,
      progress,
      progressOf,
    });

    const endedAt = new Date().toISOString();
    const streams = [...progressOf.values()];
    const failed = outcome.error !== undefined;
    for (const s of streams) {
      const complete = outcome.statuses.get(s.stream) === 'COMPLETE';
      s.status = !failed && complete ? 'succeeded' : 'failed';
      if (s.status === 'failed')
        s.error =
          outcome.streamErrors.get(s.stream) ??
          outcome.error ??
          'the source did not report the stream COMPLETE';
    }
    const result: SyncResult = {
      syncId,
      connection,
      status: failed || streams.some((s) => s.status === 'failed') ? 'failed' : 'succeeded',
      startedAt,
      endedAt,
      recordsRead: streams.reduce((a, s) => a + s.read, 0),
      recordsCommitted: outcome.committedTotal,
      recordsRejected: streams.reduce((a, s) => a + s.rejected, 0),
      bytes: streams.reduce((a, s) => a + s.bytes, 0),
      error: outcome.error ? logger.redact(outcome.error) : undefined,
      streams,
    };
    if (!result.error && result.status === 'failed') result.error = 'some streams did not complete';
    await lake(async (c) => {
      await updateSyncRun(c, result);
      for (const s of streams) await upsertStreamRun(c, streamRow(syncId, startedAt, s, endedAt, logger));
    });
    progress.finished({
      sync_id: syncId,
      connection,
      status: result.status,
      records_read: result.recordsRead,
      records_committed: result.recordsCommitted,
      records_rejected: result.recordsRejected,
      bytes: result.bytes,
      ...(result.error ? { error: result.error } : {}),
    });
    return result;
  } finally {
    fs.rmSync(work, { recursive: true, force: true });
  }
}

function streamRow(syncId: number, startedAt: string, s: StreamResult, endedAt?: string, logger?: Logger) {
  return {
    syncId,
    stream: s.stream,
    syncMode: s.syncMode,
    destinationSyncMode: s.destinationSyncMode,
    generationId: s.generationId,
    startedAt,
    endedAt: endedAt ?? null,
    status: s.status,
    recordsRead: s.read,
    recordsCommitted: s.committed,
    recordsRejected: s.rejected,
    bytes: s.bytes,
    error: s.error && logger ? logger.redact(s.error) : (s.error ?? null),
  };
}

/** A connector's stderr line: its warnings and errors stay visible, the rest is debug output. */
function relay(logger: Logger, line: string): void {
  const level = /^\S+ (WARN|ERROR|FATAL) /.exec(line)?.[1];
  if (level === 'WARN') logger.warn(line);
  else if (level) logger.error(line);
  else logger.debug(line);
}

interface PipeOutcome {
  error?: string;
  statuses: Map<string, string>;
  streamErrors: Map<string, string>;
  committedTotal: number;
}

/** Source stdout → destination stdin, line by line, with backpressure; destination echoes → progress. */
async function pipeProcesses(
  sourceCmd: ConnectorCommand,
  readArgs: string[],
  startDestination: () => DestinationEndpoint,
  ctx: { logger: Logger; progress: ProgressReporter; progressOf: Map<string, StreamResult> },
): Promise<PipeOutcome> {
  const { logger, progress, progressOf } = ctx;
  const statuses = new Map<string, string>();
  const streamErrors = new Map<string, string>();
  const sourceErrors: string[] = [];
  const destErrors: string[] = [];
  const sourceTail: string[] = [];
  const destTail: string[] = [];
  let committedTotal = 0;
  const slog = logger.child('source');
  const dlog = logger.child('destination');

  const dest = startDestination();
  const source = spawn(sourceCmd.file, [...sourceCmd.args, ...readArgs], {
    cwd: sourceCmd.cwd,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const destExit = dest.exit;
  const sourceExit = exitOf(source);
  let destGone = false;
  dest.stdin.on('error', () => {
    destGone = true;
  });
  destExit.then(() => {
    destGone = true;
    // The destination is gone: nothing more can be committed, stop reading.
    if (source.exitCode === null && source.signalCode === null) source.kill('SIGTERM');
  });

  // Ctrl-C or a SIGTERM from an orchestrator: stop reading, let the destination commit what its states
  // cover, and record the sync as failed (the next sync resumes from there).
  let interrupted: NodeJS.Signals | undefined;
  const onSignal = (signal: NodeJS.Signals) => {
    interrupted = signal;
    logger.warn(`${signal}: stopping the source; the destination keeps what is committed`);
    if (source.exitCode === null && source.signalCode === null) source.kill('SIGTERM');
  };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);

  let pending: string[] = [];
  let pendingBytes = 0;
  const flush = () => {
    if (!pending.length || destGone) return;
    const chunk = pending.join('\n') + '\n';
    pending = [];
    pendingBytes = 0;
    if (!dest.stdin.write(chunk)) {
      source.stdout.pause();
      dest.stdin.once('drain', () => source.stdout.resume());
    }
  };
  const forward = (line: string) => {
    pending.push(line);
    pendingBytes += line.length;
    if (pendingBytes > 1 << 16) flush();
  };

  const sourceDone = onLines(
    source.stdout,
    (line) => {
      let m: AirbyteMessage;
      try {
        m = JSON.parse(line) as AirbyteMessage;
      } catch (_e) {
        slog.debug(`non-protocol output: ${line.slice(0, 200)}`);
        return;
      }
      switch (m?.type) {
        case 'RECORD': {
          const p = progressOf.get(descriptorKey({ name: m.record.stream, namespace: m.record.namespace }));
          if (p) {
            p.read++;
            p.bytes += Buffer.byteLength(line);
            progress.update(p, 'read');
          }
          forward(line);
          break;
        }
        case 'STATE':
          forward(line);
          break;
        case 'TRACE': {
          const t = m.trace;
          if (t.type === 'STREAM_STATUS' && t.stream_status) {
            const key = descriptorKey(t.stream_status.stream_descriptor);
            statuses.set(key, t.stream_status.status);
            progress.streamStatus(key, t.stream_status.status);
            forward(line);
          } else if (t.type === 'ESTIMATE' && t.estimate) {
            const p = progressOf.get(
              descriptorKey({ name: t.estimate.name, namespace: t.estimate.namespace }),
            );
            if (p && t.estimate.row_estimate !== undefined) {
              p.estimate = t.estimate.row_estimate;
              progress.update(p, 'estimate');
            }
          } else if (t.type === 'ERROR' && t.error) {
            const msg = t.error.message;
            sourceErrors.push(msg);
            if (t.error.stream_descriptor) streamErrors.set(descriptorKey(t.error.stream_descriptor), msg);
            slog.error(msg);
          }
          break;
        }
        case 'LOG':
          slog.debug(m.log.message);
          break;
        case 'CONTROL':
          slog.warn('the source sent a CONNECTOR_CONFIG update; learnflow.yml is not rewritten');
          break;
        default:
          break;
      }
    },
    // Whatever a chunk brought goes on at once: a slow source's states must not wait for a full buffer.
    flush,
  ).then(() => flush());

  const destDone = onLines(dest.stdout, (line) => {
    let m: AirbyteMessage;
    try {
      m = JSON.parse(line) as AirbyteMessage;
    } catch (_e) {
      dlog.debug(`non-protocol output: ${line.slice(0, 200)}`);
      return;
    }
    if (m?.type === 'STATE') onCommitted(m.state);
    else if (m?.type === 'TRACE' && m.trace.type === 'ERROR' && m.trace.error) {
      destErrors.push(m.trace.error.message);
      dlog.error(m.trace.error.message);
    } else if (m?.type === 'LOG') dlog.debug(m.log.message);
  });
  const onCommitted = (state: AirbyteStateMessage) => {
    const n = state.destinationStats?.recordCount ?? 0;
    const rejected = state.destinationStats?.rejectedRecordCount ?? 0;
    committedTotal += n;
    if (state.type === 'STREAM' && state.stream) {
      const p = progressOf.get(descriptorKey(state.stream.stream_descriptor));
      if (p) {
        p.committed += n;
        p.rejected += rejected;
        progress.update(p, 'committed');
      }
    }
  };
  const stderrDone = Promise.all([
    onLines(source.stderr, (l) => {
      keepTail(sourceTail, l);
      relay(slog, l);
    }),
    onLines(dest.stderr, (l) => {
      keepTail(destTail, l);
      relay(dlog, l);
    }),
  ]);

  await sourceDone;
  const sExit = await sourceExit;
  dest.stdin.end();
  const dExit = await destExit;
  await Promise.all([destDone, stderrDone]);
  process.removeListener('SIGINT', onSignal);
  process.removeListener('SIGTERM', onSignal);

  let error: string | undefined;
  if (interrupted) {
    error = `interrupted by ${interrupted}`;
  } else if (dExit.code !== 0) {
    error = `${describeExit('the destination', dExit)}${destErrors.length ? `: ${destErrors[destErrors.length - 1]}` : destTail.length ? `: ${destTail[destTail.length - 1]}` : ''}`;
  } else if (sExit.code !== 0) {
    error = `${describeExit('the source', sExit)}${sourceErrors.length ? `: ${sourceErrors[sourceErrors.length - 1]}` : sourceTail.length ? `: ${sourceTail[sourceTail.length - 1]}` : ''}`;
  }
  if (error) logger.error(logger.redact(error));
  return { error: error && logger.redact(error), statuses, streamErrors, committedTotal };
}
