/**
 * What the destination does with one configured stream: its tables, write mode, keys, generation and
 * whether the new data waits in staging tables until the source reports the stream COMPLETE.
 */
import type { ConfiguredAirbyteStream, StreamDescriptor } from '../../cdk/protocol';
import type { ConnectorLogger } from '../../cdk/logger';
import { streamTableNames, type StreamTableNames } from './table-names';
import { typedColumns, type TypedColumn } from './typed-columns';
import { createRecordChecker, type RecordChecker } from './record-checker';

export type WriteMode = 'append' | 'append_dedup';

export interface StreamPlan {
  key: string;
  descriptor: StreamDescriptor;
  tables: StreamTableNames;
  mode: WriteMode;
  /** Write into staging tables and swap them in once the stream is COMPLETE (truncate refresh). */
  staged: boolean;
  /** Delete rows older than minimumGenerationId when the stream completes (hybrid refresh). */
  deleteOlderGenerations: boolean;
  primaryKey: string[][];
  cursor: string[];
  generationId: number | null;
  minimumGenerationId: number | null;
  syncId: number | null;
  columns: TypedColumn[];
  check: RecordChecker;
}

export function descriptorKey(d: { name: string; namespace?: string | null }): string {
  return d.namespace ? `${d.namespace}.${d.name}` : d.name;
}

function intOrNull(v: unknown): number | null {
  return typeof v === 'number' && Number.isFinite(v) ? Math.trunc(v) : null;
}

export function planStream(
  configured: ConfiguredAirbyteStream,
  options: { sourceName?: string },
  logger: ConnectorLogger,
): StreamPlan {
  const s = configured.stream;
  const key = descriptorKey(s);
  const generationId = intOrNull(configured.generation_id);
  const minimumGenerationId = intOrNull(configured.minimum_generation_id);
  const requested = String(configured.destination_sync_mode ?? 'append');
  let mode: WriteMode = 'append';
  let truncate = false;
  switch (requested) {
    case 'append':
      break;
    case 'append_dedup':
      mode = 'append_dedup';
      break;
    case 'overwrite':
      truncate = true;
      break;
    case 'overwrite_dedup':
      mode = 'append_dedup';
      truncate = true;
      break;
    default:
      logger.warn(`stream ${key}: destination sync mode '${requested}' is not supported; writing as append`);
  }
  if (generationId !== null && minimumGenerationId !== null && minimumGenerationId > 0) {
    if (minimumGenerationId >= generationId) truncate = true;
  }
  const hybrid =
    !truncate &&
    generationId !== null &&
    minimumGenerationId !== null &&
    minimumGenerationId > 0 &&
    minimumGenerationId < generationId;
  const primaryKey =
    (configured.primary_key?.length ? configured.primary_key : s.source_defined_primary_key) ?? [];
  const cursor = configured.cursor_field?.length ? configured.cursor_field : (s.default_cursor_field ?? []);
  if (mode === 'append_dedup' && primaryKey.length === 0) {
    logger.warn(
      `stream ${key}: append_dedup needs a primary key and the catalog has none; writing as append`,
    );
    mode = 'append';
  }
  const source = options.sourceName || s.namespace || 'source';
  return {
    key,
    descriptor: { name: s.name, ...(s.namespace ? { namespace: s.namespace } : {}) },
    tables: streamTableNames(source, s.name),
    mode,
    staged: truncate,
    deleteOlderGenerations: hybrid,
    primaryKey,
    cursor,
    generationId,
    minimumGenerationId,
    syncId: intOrNull(configured.sync_id),
    columns: typedColumns(s.json_schema ?? {}),
    check: createRecordChecker(s.json_schema ?? {}),
  };
}

/** `_airbyte_meta` of a record without changes. */
export function emptyMeta(plan: Pick<StreamPlan, 'syncId'>): string {
  return JSON.stringify({ sync_id: plan.syncId, changes: [] });
}
