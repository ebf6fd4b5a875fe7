/**
 * Plan one sync of a connection: the configured catalog (streams, modes, keys, generation ids, sync id)
 * and the states to resume from, following Airbyte's refresh rules:
 * - incremental append / append_dedup streams keep their generation and resume from their state;
 * - overwrite streams and full-refresh streams start a new generation each sync (minimum = generation
 *   for overwrite, so the old data is swapped out once the new read is COMPLETE), except that an
 *   unfinished attempt of a resumable stream is resumed in the same generation from its state;
 * - `refresh` starts a new generation with minimum = generation for every stream and drops the states.
 */
import type {
  AirbyteCatalog,
  AirbyteStateMessage,
  AirbyteStream,
  ConfiguredAirbyteCatalog,
  ConfiguredAirbyteStream,
  SyncMode,
} from '../../connectors/cdk/protocol';
import { descriptorKey } from '../../connectors/destination-lakehouse/src/stream-plan';
import { ConfigError } from '../common/errors';
import type { StreamSettings } from '../config/learnflow-config';
import type { RunStatus } from '../lakehouse/run-history';

export interface StreamHistory {
  last?: { generationId: number | null; status: RunStatus };
  maxGeneration?: number;
  finalizedGeneration?: number;
}

export interface PlannedStream {
  key: string;
  configured: ConfiguredAirbyteStream;
  /** Resume from the stored state (else the stream's state is cleared and it reads from the start). */
  resume: boolean;
}

export interface SyncPlan {
  catalog: ConfiguredAirbyteCatalog;
  streams: PlannedStream[];
  states: AirbyteStateMessage[];
  /** Stored states to delete before the sync: streams that start over. */
  clearStateKeys: string[];
}

function defaultSyncMode(s: AirbyteStream): SyncMode {
  return s.supported_sync_modes.includes('incremental') &&
    (s.source_defined_cursor || s.default_cursor_field?.length)
    ? 'incremental'
    : 'full_refresh';
}

export function planSync(options: {
  connection: string;
  discovered: AirbyteCatalog;
  settings?: StreamSettings[];
  syncId: number;
  history: Map<string, StreamHistory>;
  stored: Map<string, AirbyteStateMessage>;
  refresh?: boolean;
}): SyncPlan {
  const { discovered, syncId, history, stored, refresh } = options;
  const byKey = new Map(discovered.streams.map((s) => [descriptorKey(s), s]));
  const wanted: StreamSettings[] = options.settings?.length
    ? options.settings
    : discovered.streams.map((s) => ({ name: s.name, ...(s.namespace ? { namespace: s.namespace } : {}) }));
  const streams: PlannedStream[] = [];
  const clearStateKeys: string[] = [];
  const states: AirbyteStateMessage[] = [];
  for (const w of wanted) {
    const key = descriptorKey(w);
    const s = byKey.get(key);
    if (!s)
      throw new ConfigError(`the source has no stream '${key}'`, {
        where: `connections.${options.connection}.streams`,
        hint: `it offers: ${[...byKey.keys()].join(', ')}`,
      });
    const syncMode: SyncMode = w.sync_mode ?? defaultSyncMode(s);
    if (!s.supported_sync_modes.includes(syncMode))
      throw new ConfigError(`stream '${key}' does not support sync_mode ${syncMode}`, {
        where: `connections.${options.connection}.streams`,
        hint: `supported: ${s.supported_sync_modes.join(', ')}`,
      });
    const destMode =
      w.destination_sync_mode ??
      (syncMode === 'full_refresh'
        ? 'overwrite'
        : s.source_defined_primary_key?.length
          ? 'append_dedup'
          : 'append');
    const truncate = destMode === 'overwrite' || destMode === 'overwrite_dedup';
    const incremental = syncMode === 'incremental';
    const resumable = incremental || s.is_resumable === true;
    const h = history.get(key) ?? {};
    const prev = h.last;
    const next = (h.maxGeneration ?? 0) + 1;
    let generation: number;
    let resume: boolean;
    if (refresh) {
      generation = next;
      resume = false;
    } else if (truncate || !incremental) {
      const unfinished =
        prev !== undefined &&
        prev.status !== 'succeeded' &&
        prev.generationId !== null &&
        (!truncate || (h.finalizedGeneration ?? -1) < prev.generationId);
      resume = unfinished && resumable;
      generation = resume && prev?.generationId != null ? prev.generationId : next;
    } else {
      generation = h.maxGeneration ?? 1;
      resume = true;
    }
    const cursor =
      w.cursor_field ??
      (s.source_defined_cursor ? s.default_cursor_field : undefined) ??
      s.default_cursor_field;
    const configured: ConfiguredAirbyteStream = {
      stream: s,
      sync_mode: syncMode,
      destination_sync_mode: destMode,
      ...(incremental && cursor?.length ? { cursor_field: cursor } : {}),
      ...((w.primary_key ?? s.source_defined_primary_key)?.length
        ? { primary_key: w.primary_key ?? s.source_defined_primary_key }
        : {}),
      generation_id: generation,
      minimum_generation_id: refresh || truncate ? generation : 0,
      sync_id: syncId,
    };
    streams.push({ key, configured, resume });
    const st = stored.get(key);
    if (resume && st) states.push(st);
    else if (st) clearStateKeys.push(key);
  }
  const global = stored.get('__global__');
  if (global && streams.some((p) => p.resume)) states.push(global);
  return { catalog: { streams: streams.map((p) => p.configured) }, streams, states, clearStateKeys };
}
