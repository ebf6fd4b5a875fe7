import type { FailureType } from './protocol';

/**
 * Typed connector errors. Each says what failed, where (a stream, a URL, a file, a config field), and
 * whether a retry can help; the runners turn them into one TRACE ERROR with the matching failure_type.
 */
export interface ConnectorErrorOptions {
  /** Where it happened: a stream, a request URL, a file, a config field. */
  where?: string;
  /** Details for operators (TRACE internal_message); the message stays user-facing. */
  internal?: string;
  /** The HTTP status that caused it, when an upstream answered. */
  status?: number;
  cause?: unknown;
}

export abstract class ConnectorError extends Error {
  abstract readonly failureType: FailureType;
  readonly where?: string;
  readonly internal?: string;
  readonly status?: number;

  constructor(message: string, options: ConnectorErrorOptions = {}) {
    super(message, options.cause !== undefined ? { cause: options.cause } : undefined);
    this.name = new.target.name;
    this.where = options.where;
    this.internal = options.internal;
    this.status = options.status;
  }

  /** True when trying again later may succeed. */
  get retryable(): boolean {
    return this.failureType === 'transient_error';
  }

  /** The user-facing text: location first, then the message, then whether a retry can help. */
  describe(): string {
    const head = this.where ? `${this.where}: ${this.message}` : this.message;
    return this.retryable ? `${head} (a retry may succeed)` : head;
  }
}

/** The user must fix something: the config, the catalog, the state file, credentials. */
export class ConfigurationError extends ConnectorError {
  readonly failureType = 'config_error' as const;
}

/** The upstream is unavailable or throttling; the same request may succeed later. */
export class TransientError extends ConnectorError {
  readonly failureType = 'transient_error' as const;
}

/** Something unexpected: an upstream answering in the wrong format, a bug. */
export class SystemError extends ConnectorError {
  readonly failureType = 'system_error' as const;
}

/** Wrong command-line usage of a connector (unknown command, missing --config): exit code 2. */
export class ConnectorUsageError extends ConfigurationError {}

/** The failure type of any thrown value (errors that are not ConnectorErrors are system errors). */
export function failureTypeOf(e: unknown): FailureType {
  return e instanceof ConnectorError ? e.failureType : 'system_error';
}

/** A one-line description of any thrown value, with its cause when the cause adds something. */
export function describeConnectorError(e: unknown): string {
  const err = e instanceof Error ? e : new Error(typeof e === 'string' ? e : JSON.stringify(e));
  const head = err instanceof ConnectorError ? err.describe() : err.message;
  const cause = (err as { cause?: unknown }).cause;
  if (cause instanceof Error && cause.message && !head.includes(cause.message)) {
    return `${head} (caused by: ${cause.message})`;
  }
  return head;
}
