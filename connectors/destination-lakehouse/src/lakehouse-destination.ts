/** destination-lakehouse: lands Airbyte records durably in DuckDB or PostgreSQL (Destinations V2 layout). */
import type {
  AirbyteConnectionStatus,
  AirbyteMessage,
  ConfiguredAirbyteCatalog,
  ConnectorSpecification,
} from '../../cdk/protocol';
import type { Destination, MessageInput } from '../../cdk/destination';
import type { ConnectorLogger } from '../../cdk/logger';
import { describeConnectorError } from '../../cdk/errors';
import { resolveLakehouseConfig, type LakehouseConfig } from './lakehouse-config';
import { openBackend } from './open-backend';
import { planStream } from './stream-plan';
import { writeMessages, type WriteSummary } from './write-messages';

const spec = require('../spec.json') as ConnectorSpecification;

export class LakehouseDestination implements Destination<LakehouseConfig> {
  readonly name = 'destination-lakehouse';
  readonly version = '0.1.0';
  /** Counters of the last `write`, for tests and the entry point's summary. */
  lastSummary?: WriteSummary;

  spec(): ConnectorSpecification {
    return spec;
  }

  async check(config: LakehouseConfig, logger: ConnectorLogger): Promise<AirbyteConnectionStatus> {
    const resolved = resolveLakehouseConfig(config);
    if (resolved.backend.engine === 'postgres') logger.addSecret(resolved.backend.url);
    const backend = openBackend(resolved, logger);
    try {
      await backend.open();
      return { status: 'SUCCEEDED', message: `connected to ${backend.engine} ${backend.location}` };
    } catch (e) {
      return { status: 'FAILED', message: logger.redact(describeConnectorError(e)) };
    } finally {
      await backend.close().catch(() => undefined);
    }
  }

  write(
    config: LakehouseConfig,
    catalog: ConfiguredAirbyteCatalog,
    input: MessageInput,
    logger: ConnectorLogger,
  ): AsyncIterable<AirbyteMessage> {
    const resolved = resolveLakehouseConfig(config);
    if (resolved.backend.engine === 'postgres') logger.addSecret(resolved.backend.url);
    const plans = (catalog.streams ?? []).map((s) =>
      planStream(s, { sourceName: resolved.sourceName }, logger),
    );
    const summary: WriteSummary = {
      records: 0,
      rejected: 0,
      unknownStream: 0,
      committed: 0,
      states: 0,
      dropped: 0,
    };
    this.lastSummary = summary;
    return writeMessages(
      { config: resolved, plans, backend: openBackend(resolved, logger), logger, summary },
      input,
    );
  }
}
