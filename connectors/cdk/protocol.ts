/**
 * The Airbyte protocol (0.18), typed by hand from the official schema. Every struct tolerates unknown
 * fields; readers must ignore what they do not know.
 */

export type SyncMode = 'full_refresh' | 'incremental';
export type DestinationSyncMode = 'append' | 'overwrite' | 'append_dedup' | 'update' | 'soft_delete';
export type FailureType = 'system_error' | 'config_error' | 'transient_error';
export type LogLevel = 'FATAL' | 'ERROR' | 'WARN' | 'INFO' | 'DEBUG' | 'TRACE';
export type StreamStatus = 'STARTED' | 'RUNNING' | 'COMPLETE' | 'INCOMPLETE';

export interface StreamDescriptor {
  name: string;
  namespace?: string | null;
}

export interface AirbyteRecordChange {
  field: string;
  change: 'NULLED' | 'TRUNCATED';
  reason: string;
}

export interface AirbyteRecord {
  stream: string;
  namespace?: string | null;
  data: Record<string, unknown>;
  emitted_at: number;
  meta?: { changes?: AirbyteRecordChange[]; [k: string]: unknown };
}

export interface StateStats {
  recordCount?: number;
  rejectedRecordCount?: number;
}

export interface AirbyteStreamState {
  stream_descriptor: StreamDescriptor;
  stream_state?: unknown;
}

export interface AirbyteGlobalState {
  shared_state?: unknown;
  stream_states: AirbyteStreamState[];
}

export interface AirbyteStateMessage {
  type?: 'STREAM' | 'GLOBAL' | 'LEGACY';
  stream?: AirbyteStreamState;
  global?: AirbyteGlobalState;
  data?: unknown;
  sourceStats?: StateStats;
  destinationStats?: StateStats;
}

export interface AirbyteLog {
  level: LogLevel;
  message: string;
  stack_trace?: string;
}

export interface ConnectorSpecification {
  documentationUrl?: string;
  changelogUrl?: string;
  connectionSpecification: Record<string, unknown>;
  supportsIncremental?: boolean;
  supportsNormalization?: boolean;
  supportsDBT?: boolean;
  supported_destination_sync_modes?: DestinationSyncMode[];
  protocol_version?: string;
  [k: string]: unknown;
}

export interface AirbyteConnectionStatus {
  status: 'SUCCEEDED' | 'FAILED';
  message?: string;
}

export interface AirbyteStream {
  name: string;
  namespace?: string | null;
  json_schema: Record<string, unknown>;
  supported_sync_modes: SyncMode[];
  source_defined_cursor?: boolean;
  default_cursor_field?: string[];
  source_defined_primary_key?: string[][];
  is_resumable?: boolean;
  is_file_based?: boolean;
}

export interface AirbyteCatalog {
  streams: AirbyteStream[];
}

export interface ConfiguredAirbyteStream {
  stream: AirbyteStream;
  sync_mode: SyncMode;
  destination_sync_mode: DestinationSyncMode | string;
  cursor_field?: string[];
  primary_key?: string[][];
  generation_id?: number | null;
  minimum_generation_id?: number | null;
  sync_id?: number | null;
}

export interface ConfiguredAirbyteCatalog {
  streams: ConfiguredAirbyteStream[];
}

export interface AirbyteErrorTrace {
  message: string;
  internal_message?: string;
  stack_trace?: string;
  failure_type?: FailureType;
  stream_descriptor?: StreamDescriptor;
}

export interface AirbyteEstimateTrace {
  name: string;
  type: 'STREAM' | 'SYNC';
  namespace?: string | null;
  row_estimate?: number;
  byte_estimate?: number;
}

export interface AirbyteStreamStatusReason {
  type: 'RATE_LIMITED';
  rate_limited?: { quota_reset?: number };
}

export interface AirbyteStreamStatusTrace {
  stream_descriptor: StreamDescriptor;
  status: StreamStatus;
  reasons?: AirbyteStreamStatusReason[];
}

export interface AirbyteTrace {
  type: 'ERROR' | 'ESTIMATE' | 'STREAM_STATUS' | 'ANALYTICS';
  emitted_at: number;
  error?: AirbyteErrorTrace;
  estimate?: AirbyteEstimateTrace;
  stream_status?: AirbyteStreamStatusTrace;
  analytics?: { type: string; value?: string };
}

export interface AirbyteControl {
  type: 'CONNECTOR_CONFIG';
  emitted_at: number;
  connectorConfig: { config: Record<string, unknown> };
}

export type AirbyteMessage =
  | { type: 'RECORD'; record: AirbyteRecord }
  | { type: 'STATE'; state: AirbyteStateMessage }
  | { type: 'LOG'; log: AirbyteLog }
  | { type: 'SPEC'; spec: ConnectorSpecification }
  | { type: 'CONNECTION_STATUS'; connectionStatus: AirbyteConnectionStatus }
  | { type: 'CATALOG'; catalog: AirbyteCatalog }
  | { type: 'TRACE'; trace: AirbyteTrace }
  | { type: 'CONTROL'; control: AirbyteControl };

export type AirbyteMessageType = AirbyteMessage['type'];

export const MESSAGE_TYPES: readonly AirbyteMessageType[] = [
  'RECORD',
  'STATE',
  'LOG',
  'SPEC',
  'CONNECTION_STATUS',
  'CATALOG',
  'TRACE',
  'CONTROL',
];

/** A key that identifies a stream across namespace-less and namespaced forms. */
export function streamKey(d: StreamDescriptor): string {
  return d.namespace ? `${d.namespace}.${d.name}` : d.name;
}
