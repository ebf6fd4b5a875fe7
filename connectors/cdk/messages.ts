import type {
  AirbyteMessage,
  AirbyteStreamStatusReason,
  FailureType,
  StreamDescriptor,
  StreamStatus,
} from './protocol';

/** Builders for the TRACE and LOG messages the runners emit. */
export function errorTrace(
  message: string,
  failureType: FailureType,
  extra: { internal?: string; stack?: string; stream?: StreamDescriptor } = {},
): AirbyteMessage {
  return {
    type: 'TRACE',
    trace: {
      type: 'ERROR',
      emitted_at: Date.now(),
      error: {
        message,
        failure_type: failureType,
        ...(extra.internal ? { internal_message: extra.internal } : {}),
        ...(extra.stack ? { stack_trace: extra.stack } : {}),
        ...(extra.stream ? { stream_descriptor: extra.stream } : {}),
      },
    },
  };
}

export function streamStatusTrace(
  stream: StreamDescriptor,
  status: StreamStatus,
  reasons?: AirbyteStreamStatusReason[],
): AirbyteMessage {
  return {
    type: 'TRACE',
    trace: {
      type: 'STREAM_STATUS',
      emitted_at: Date.now(),
      stream_status: { stream_descriptor: stream, status, ...(reasons ? { reasons } : {}) },
    },
  };
}

export function estimateTrace(stream: StreamDescriptor, rows?: number, bytes?: number): AirbyteMessage {
  return {
    type: 'TRACE',
    trace: {
      type: 'ESTIMATE',
      emitted_at: Date.now(),
      estimate: {
        name: stream.name,
        type: 'STREAM',
        ...(stream.namespace ? { namespace: stream.namespace } : {}),
        ...(rows !== undefined ? { row_estimate: rows } : {}),
        ...(bytes !== undefined ? { byte_estimate: bytes } : {}),
      },
    },
  };
}

export function logMessage(level: 'ERROR' | 'WARN' | 'INFO' | 'DEBUG', message: string): AirbyteMessage {
  return { type: 'LOG', log: { level, message } };
}
