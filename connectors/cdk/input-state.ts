import { ConfigurationError } from './errors';
import type { ConnectorLogger } from './logger';
import { streamKey, type StreamDescriptor } from './protocol';

/** The key the kit adds to every stream state it emits: the connector that wrote it. */
export const SOURCE_MARKER = '__source';
/** The key holding a full-refresh stream's progress in its state. */
export const FULL_REFRESH_MARKER = '__full_refresh';

export interface InputState {
  /** Per stream key (`namespace.name` or `name`): the stream's state, the kit's markers removed. */
  streams: Map<string, Record<string, unknown>>;
  /** GLOBAL shared_state, when the input had one. */
  shared?: unknown;
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/**
 * Read the `--state` input: the array of STREAM/GLOBAL state messages the platform passes (elements may
 * also be whole `{type: STATE, state}` envelopes or LEGACY `{data}` states), or a legacy object mapping
 * stream names to states. Null stream states mean "reset". Streams the source does not have are ignored
 * (logged). A state written by another connector is a ConfigurationError: either a stream state carries
 * another connector's marker, or no stream in a non-empty state belongs to this source.
 */
export function parseInputState(
  raw: unknown,
  source: { name: string; streamNames: readonly string[] },
  logger: ConnectorLogger,
  where = 'state',
): InputState {
  const entries: Array<{ descriptor: StreamDescriptor; state: unknown }> = [];
  let shared: unknown;
  const bad = (why: string): never => {
    throw new ConfigurationError(`invalid state: ${why}`, { where });
  };
  const fromLegacyMap = (map: Record<string, unknown>) => {
    for (const [name, state] of Object.entries(map)) entries.push({ descriptor: { name }, state });
  };
  const fromMessage = (m: unknown, i: number) => {
    if (!isObject(m)) bad(`element ${i} is not an object`);
    const msg =
      (m as Record<string, unknown>).type === 'STATE' && isObject((m as { state?: unknown }).state)
        ? (m as { state: Record<string, unknown> }).state
        : (m as Record<string, unknown>);
    if (isObject(msg.stream)) {
      const d = (msg.stream as { stream_descriptor?: unknown }).stream_descriptor;
      if (!isObject(d) || typeof d.name !== 'string')
        bad(`element ${i} has no stream.stream_descriptor.name`);
      entries.push({
        descriptor: d as unknown as StreamDescriptor,
        state: (msg.stream as { stream_state?: unknown }).stream_state,
      });
    } else if (isObject(msg.global)) {
      const g = msg.global as { shared_state?: unknown; stream_states?: unknown };
      if (!Array.isArray(g.stream_states)) bad(`element ${i} is a GLOBAL state without stream_states`);
      shared = g.shared_state;
      for (const s of g.stream_states as unknown[]) {
        const d = isObject(s) ? (s.stream_descriptor as Record<string, unknown> | undefined) : undefined;
        if (!isObject(d) || typeof d.name !== 'string') bad(`element ${i} has a stream state without a name`);
        entries.push({
          descriptor: d as unknown as StreamDescriptor,
          state: (s as { stream_state?: unknown }).stream_state,
        });
      }
    } else if (isObject(msg.data)) {
      fromLegacyMap(msg.data as Record<string, unknown>);
    } else {
      bad(`element ${i} has none of "stream", "global" or "data"`);
    }
  };

  if (raw === null || raw === undefined) {
    // no state
  } else if (Array.isArray(raw)) {
    raw.forEach(fromMessage);
  } else if (isObject(raw)) {
    if ('stream' in raw || 'global' in raw || ('type' in raw && ('state' in raw || 'data' in raw)))
      fromMessage(raw, 0);
    else fromLegacyMap(raw);
  } else {
    bad('expected an array of state messages or an object');
  }

  const known = new Set(source.streamNames);
  const streams = new Map<string, Record<string, unknown>>();
  const unknown: string[] = [];
  for (const { descriptor, state } of entries) {
    if (state !== null && state !== undefined && !isObject(state)) {
      bad(`the state of stream '${descriptor.name}' must be an object`);
    }
    const writer = isObject(state) ? state[SOURCE_MARKER] : undefined;
    if (writer !== undefined && writer !== source.name) {
      throw new ConfigurationError(
        `the state file was written by ${String(writer)}, not ${source.name}; pass the state of a ${source.name} sync or none`,
        { where },
      );
    }
    const key = streamKey(descriptor);
    if (!known.has(key)) {
      unknown.push(key);
      continue;
    }
    if (state === null || state === undefined) continue; // a reset
    const copy = { ...(state as Record<string, unknown>) };
    delete copy[SOURCE_MARKER];
    streams.set(key, copy);
  }
  if (entries.length > 0 && unknown.length === entries.length) {
    throw new ConfigurationError(
      `none of the streams in the state file (${unknown.join(', ')}) belongs to ${source.name} ` +
        `(streams: ${source.streamNames.join(', ')}); it looks like the state of another connector`,
      { where },
    );
  }
  if (unknown.length) logger.info(`ignoring state of unknown stream(s): ${unknown.join(', ')}`);
  return { streams, shared };
}
