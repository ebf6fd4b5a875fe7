/**
 * Entry point of destination-lakehouse: `spec`, `check --config F`, `write --config F --catalog F`
 * (protocol messages on stdin). Run it with `node -r tsx/cjs connectors/destination-lakehouse/src/index.ts`.
 */
import { destinationMain } from '../../cdk/destination-runner';
import { LakehouseDestination } from './lakehouse-destination';

export { LakehouseDestination };

if (require.main === module) destinationMain(new LakehouseDestination());
