import { parseConnectorArgs, requireFlag } from './args';
import { parseConfiguredCatalog } from './catalog';
import {
  createRunContext,
  reportFailure,
  runAsMain,
  type ConnectorIO,
  type RunContext,
} from './connector-io';
import { compareCursorValues, valueAtPath } from './cursor';
import { loadConfig } from './load-config';
import {
  ConfigurationError,
  ConnectorError,
  ConnectorUsageError,
  SystemError,
  describeConnectorError,
} from './errors';
import { FULL_REFRESH_MARKER, parseInputState, type InputState } from './input-state';
import { StateTracker } from './state-tracker';
import { errorTrace, estimateTrace, streamStatusTrace } from './messages';
import type { AirbyteConnectionStatus, ConfiguredAirbyteStream, StreamDescriptor } from './protocol';
import { streamKey } from './protocol';
import { readJsonFile } from './read-json-file';
import { secretValues } from './secrets';
import type { Source, SourceRuntime } from './source';
import { Checkpoint, Estimate, type Stream, type StreamState } from './stream';

/**
 * Run a source with Airbyte's arguments: `spec`, `check --config F`, `discover --config F`,
 * `read --config F --catalog F [--state F]`. Resolves to the exit code: 0 ok, 1 failure, 2 usage error.
 *
 * `read` checks config, catalog and state before it emits anything, then reads the configured streams in
 * catalog order. A failing stream ends INCOMPLETE with one TRACE ERROR naming it; the others go on, and
 * the exit code is 1 at the end.
 */
export async function runSource<C>(
  source: Source<C>,
  argv: readonly string[],
  io: ConnectorIO = {},
): Promise<number> {
  const ctx = createRunContext(source.name, io);
  try {
    const args = parseConnectorArgs(argv);
    if (args.ignored.length) ctx.logger.debug(`ignoring arguments: ${args.ignored.join(' ')}`);
    let code = 0;
    switch (args.command) {
      case 'spec':
        await ctx.writer.write({ type: 'SPEC', spec: source.spec() });
        break;
      case 'check':
        await sourceCheck(source, requireFlag(args, 'config'), ctx);
        break;
      case 'discover': {
        const config = loadConfig<C>(source.spec(), requireFlag(args, 'config'), ctx);
        const streams = uniqueStreams(source, config, ctx);
        await ctx.writer.write({
          type: 'CATALOG',
          catalog: { streams: streams.map((s) => s.toAirbyteStream()) },
        });
        break;
      }
      case 'read':
        code = await sourceRead(
          source,
          requireFlag(args, 'config'),
          requireFlag(args, 'catalog'),
          args.state,
          ctx,
        );
        break;
      default:
        throw new ConnectorUsageError(
          args.command
            ? `unknown command '${args.command}'; a source supports spec, check, discover and read`
            : 'name a command: spec, check --config F, discover --config F, read --config F --catalog F [--state F]',
          { where: 'command line' },
        );
    }
    await ctx.writer.close();
    return code;
  } catch (e) {
    return reportFailure(ctx, e);
  }
}

/** The entry point of a source: `if (require.main === module) sourceMain(source)`. */
export function sourceMain<C>(source: Source<C>, argv = process.argv.slice(2)): void {
  runAsMain((a) => runSource(source, a), argv);
}

async function sourceCheck<C>(source: Source<C>, file: string, ctx: RunContext): Promise<void> {
  let status: AirbyteConnectionStatus;
  try {
    const config = loadConfig<C>(source.spec(), file, ctx);
    status = await source.check(config, ctx.logger);
  } catch (e) {
    // Connector errors (bad config, upstream refusing or failing) are answers to "does this config
    // work?"; anything else is a bug and becomes a TRACE ERROR with exit code 1.
    if (!(e instanceof ConnectorError)) throw e;
    status = { status: 'FAILED', message: describeConnectorError(e) };
  }
  if (status.message) status = { ...status, message: ctx.logger.redact(status.message) };
  await ctx.writer.write({ type: 'CONNECTION_STATUS', connectionStatus: status });
}

function uniqueStreams<C>(source: Source<C>, config: C, ctx: RunContext): Stream[] {
  let current = config;
  const runtime: SourceRuntime<C> = {
    updateConfig: (patch) => {
      current = { ...current, ...patch };
      for (const v of secretValues(source.spec().connectionSpecification, patch)) ctx.logger.addSecret(v);
      ctx.writer
        .write({
          type: 'CONTROL',
          control: {
            type: 'CONNECTOR_CONFIG',
            emitted_at: Date.now(),
            connectorConfig: { config: current as Record<string, unknown> },
          },
        })
        ?.catch(() => undefined);
    },
  };
  const streams = source.streams(config, ctx.logger, runtime);
  const seen = new Set<string>();
  for (const s of streams) {
    const k = streamKey(s);
    if (seen.has(k)) throw new SystemError(`two streams are named '${k}'`, { where: source.name });
    seen.add(k);
  }
  return streams;
}

async function sourceRead<C>(
  source: Source<C>,
  configFile: string,
  catalogFile: string,
  stateFile: string | undefined,
  ctx: RunContext,
): Promise<number> {
  const config = loadConfig<C>(source.spec(), configFile, ctx);
  const catalog = parseConfiguredCatalog(readJsonFile(catalogFile, 'catalog'), catalogFile);
  const streams = uniqueStreams(source, config, ctx);
  const byKey = new Map(streams.map((s) => [streamKey(s), s] as const));
  const input: InputState = stateFile
    ? parseInputState(
        readJsonFile(stateFile, 'state'),
        { name: source.name, streamNames: [...byKey.keys()] },
        ctx.logger,
        stateFile,
      )
    : { streams: new Map() };

  // Everything the catalog asks for must make sense before the first message goes out.
  const problems: string[] = [];
  const configured = new Set<string>();
  for (const cs of catalog.streams) {
    const key = streamKey(cs.stream);
    const stream = byKey.get(key);
    if (configured.has(key)) problems.push(`stream '${key}' is configured twice`);
    configured.add(key);
    if (!stream) {
      problems.push(
        `stream '${key}' is not a stream of ${source.name} (streams: ${[...byKey.keys()].join(', ')})`,
      );
      continue;
    }
    if (!stream.supportedSyncModes.includes(cs.sync_mode)) {
      problems.push(
        `stream '${key}' does not support sync mode '${String(cs.sync_mode)}' (supported: ${stream.supportedSyncModes.join(', ')})`,
      );
    }
  }
  if (problems.length)
    throw new ConfigurationError(`invalid catalog: ${problems.join('; ')}`, { where: catalogFile });

  const failed: string[] = [];
  for (const cs of catalog.streams) {
    const stream = byKey.get(streamKey(cs.stream)) as Stream;
    const ok = await readStream(source.name, stream, cs, input, ctx);
    if (!ok) failed.push(streamKey(stream));
  }
  const f = ctx.writer.flush();
  if (f) await f;
  if (failed.length) {
    ctx.logger.error(`read finished with ${failed.length} failed stream(s): ${failed.join(', ')}`);
    return 1;
  }
  return 0;
}

/** Read one stream; emits its statuses and states. Resolves to false when the stream failed. */
async function readStream(
  sourceName: string,
  stream: Stream,
  cs: ConfiguredAirbyteStream,
  input: InputState,
  ctx: RunContext,
): Promise<boolean> {
  const { writer, logger } = ctx;
  const descriptor: StreamDescriptor = stream.namespace
    ? { name: stream.name, namespace: stream.namespace }
    : { name: stream.name };
  const name = stream.name;
  const ns = stream.namespace;
  const incremental = cs.sync_mode === 'incremental';
  const cursorField = stream.cursorField.length ? stream.cursorField : (cs.cursor_field ?? []);
  const cursorKey = cursorField.join('.');
  const started = Date.now();

  let inputState: StreamState | undefined;
  if (incremental) {
    const s = input.streams.get(streamKey(descriptor));
    if (s) {
      inputState = { ...s };
      delete inputState[FULL_REFRESH_MARKER];
    }
  }
  const threshold = incremental && cursorKey && inputState ? inputState[cursorKey] : undefined;

  const tracker = new StateTracker(stream, {
    sourceName,
    descriptor,
    incremental,
    cursorField,
    inputState,
  });
  let total = 0;
  let filtered = 0;
  let running = false;

  const emit = async (p: Promise<void> | undefined) => {
    if (p) await p;
  };
  const emitState = async (at: 'page' | 'slice' | 'final') => {
    const m = tracker.state(at);
    if (!m) return;
    await emit(writer.write(m));
    // A state goes out at once (with the records before it): the destination commits on it, and a
    // slow upstream must not hold it in the buffer until the next page.
    await emit(writer.flush());
  };
  const rateLimited = (quotaReset?: number) => {
    // Called from inside a request; a failed write surfaces with the next awaited one.
    writer
      .write(
        streamStatusTrace(descriptor, 'RUNNING', [
          {
            type: 'RATE_LIMITED',
            ...(quotaReset !== undefined ? { rate_limited: { quota_reset: quotaReset } } : {}),
          },
        ]),
      )
      ?.catch(() => undefined);
  };

  await emit(writer.write(streamStatusTrace(descriptor, 'STARTED')));
  try {
    const base = {
      syncMode: cs.sync_mode,
      cursorField: incremental ? cursorField : [],
      state: inputState,
      logger,
      rateLimited,
    };
    // A slice's closing state goes out when the next slice starts; after the last slice the final
    // state takes its place.
    let sliceEnded = false;
    for await (const slice of stream.streamSlices(base)) {
      if (sliceEnded) await emitState('slice');
      sliceEnded = false;
      for await (const item of stream.readRecords({ ...base, slice })) {
        if (item instanceof Checkpoint) {
          if (item.state) tracker.merge(item.state);
          await emitState('page');
          continue;
        }
        if (item instanceof Estimate) {
          await emit(writer.write(estimateTrace(descriptor, item.rows, item.bytes)));
          continue;
        }
        if (threshold !== undefined) {
          const v = valueAtPath(item, cursorField);
          if (v !== undefined && v !== null && compareCursorValues(v, threshold) < 0) {
            filtered++;
            continue;
          }
        }
        if (!running) {
          running = true;
          await emit(writer.write(streamStatusTrace(descriptor, 'RUNNING')));
        }
        const p = writer.writeRecord(name, item, Date.now(), ns);
        if (p) await p;
        total++;
        tracker.record(item);
      }
      sliceEnded = true;
    }
    await emitState('final');
    await emit(writer.write(streamStatusTrace(descriptor, 'COMPLETE')));
    logger.info(
      `stream ${name}: ${total} record(s)${filtered ? `, ${filtered} older than the cursor skipped` : ''} in ${Date.now() - started} ms`,
    );
    return true;
  } catch (e) {
    const message = logger.redact(`stream '${name}' failed: ${describeConnectorError(e)}`);
    logger.error(message);
    await emit(writer.write(streamStatusTrace(descriptor, 'INCOMPLETE')));
    const internal = e instanceof ConnectorError && e.internal ? logger.redact(e.internal) : undefined;
    const stack = e instanceof Error && e.stack ? logger.redact(e.stack) : undefined;
    await emit(
      writer.write(
        errorTrace(message, e instanceof ConnectorError ? e.failureType : 'system_error', {
          internal,
          stack,
          stream: descriptor,
        }),
      ),
    );
    return false;
  }
}
