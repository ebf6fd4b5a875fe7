import type { ConnectorLogger } from './logger';
import type { AirbyteConnectionStatus, ConnectorSpecification } from './protocol';
import type { Stream } from './stream';

/**
 * An Airbyte source. The kit's source runner does everything generic (arguments, config validation and
 * secrets, catalog and state checks, STATE/STREAM_STATUS/ESTIMATE, errors and exit codes); a source
 * only describes its spec, how to check a config, and its streams.
 */
export interface Source<C = Record<string, unknown>> {
  /** The connector's name, e.g. `source-mitxonline` (also its Docker repository suffix). */
  readonly name: string;
  readonly version: string;
  spec(): ConnectorSpecification;
  /** Try the config against the upstream; FAILED with a message that says what to fix. */
  check(config: C, logger: ConnectorLogger): Promise<AirbyteConnectionStatus>;
  /**
   * The streams for a (validated) config. Clients are created here and injected into the streams.
   * `runtime.updateConfig` persists config changes through the platform (a CONTROL message), e.g. a
   * rotated OAuth refresh token.
   */
  streams(config: C, logger: ConnectorLogger, runtime?: SourceRuntime<C>): Stream<any>[];
}

/** What a source may ask of the runner while it reads. */
export interface SourceRuntime<C> {
  /** Emit a CONTROL CONNECTOR_CONFIG message with the config updated by `patch` (Airbyte stores it). */
  updateConfig(patch: Partial<C>): void;
}
