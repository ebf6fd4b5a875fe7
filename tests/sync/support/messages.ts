/** Protocol message builders for destination tests. */
import type { AirbyteMessage, ConfiguredAirbyteStream } from '../../../connectors/cdk/protocol';

export const record = (
  stream: string,
  data: Record<string, unknown>,
  emittedAt = 1_767_225_600_000,
): AirbyteMessage => ({
  type: 'RECORD',
  record: { stream, data, emitted_at: emittedAt },
});

export const state = (stream: string, cursor: unknown): AirbyteMessage => ({
  type: 'STATE',
  state: { type: 'STREAM', stream: { stream_descriptor: { name: stream }, stream_state: { cursor } } },
});

export const status = (
  stream: string,
  s: 'STARTED' | 'RUNNING' | 'COMPLETE' | 'INCOMPLETE',
): AirbyteMessage => ({
  type: 'TRACE',
  trace: {
    type: 'STREAM_STATUS',
    emitted_at: 1,
    stream_status: { stream_descriptor: { name: stream }, status: s },
  },
});

export const COURSE_SCHEMA = {
  type: 'object',
  properties: {
    id: { type: ['null', 'integer'] },
    seq: { type: ['null', 'integer'] },
    title: { type: ['null', 'string'] },
    price: { type: ['null', 'number'] },
    tags: { type: ['null', 'array'] },
    owner: { type: ['null', 'object'] },
  },
};

export function configured(
  name: string,
  mode: string,
  extra: Partial<ConfiguredAirbyteStream> = {},
): ConfiguredAirbyteStream {
  return {
    stream: { name, json_schema: COURSE_SCHEMA, supported_sync_modes: ['full_refresh', 'incremental'] },
    sync_mode: 'incremental',
    destination_sync_mode: mode,
    primary_key: [['id']],
    cursor_field: ['seq'],
    generation_id: 1,
    minimum_generation_id: 0,
    sync_id: 1,
    ...extra,
  };
}

export async function* feed(messages: AirbyteMessage[]): AsyncGenerator<AirbyteMessage> {
  for (const m of messages) yield m;
}
