import type {
  AirbyteConnectionStatus,
  AirbyteMessage,
  ConfiguredAirbyteCatalog,
  ConnectorSpecification,
} from './protocol';
import type { ConnectorLogger } from './logger';

/**
 * The messages a destination's `write` consumes. The runner's input also offers `batches()`: the same
 * messages a chunk of stdin at a time, for destinations that want to spare an await per message. Use one
 * or the other, not both.
 */
export type MessageInput = AsyncIterable<AirbyteMessage> & {
  readonly batches?: () => AsyncIterable<readonly AirbyteMessage[]>;
};

/**
 * An Airbyte destination. The kit's destination runner parses the arguments, reads and validates the
 * config against `spec().connectionSpecification` (defaults applied), parses stdin into messages
 * (lines that are not JSON or not protocol messages are logged, counted and skipped) and writes what
 * `write` yields to stdout, waiting for drain.
 */
export interface Destination<C = Record<string, unknown>> {
  readonly name: string;
  readonly version: string;
  spec(): ConnectorSpecification;
  check(config: C, logger: ConnectorLogger): Promise<AirbyteConnectionStatus>;
  /** Consume the source's messages; yield STATE echoes (only once their records are durable), LOG and TRACE. */
  write(
    config: C,
    catalog: ConfiguredAirbyteCatalog,
    input: MessageInput,
    logger: ConnectorLogger,
  ): AsyncIterable<AirbyteMessage>;
}
