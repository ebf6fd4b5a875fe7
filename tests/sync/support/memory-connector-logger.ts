import { createConnectorLogger, type ConnectorLogger } from '../../../connectors/cdk/logger';

/** A connector logger that keeps its lines (for assertions). */
export function memoryConnectorLogger(): ConnectorLogger & { lines: string[] } {
  const lines: string[] = [];
  return Object.assign(createConnectorLogger({ level: 'debug', write: (l) => lines.push(l) }), { lines });
}
