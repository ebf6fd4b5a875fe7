import type { LearnflowCommand } from '../command';
import { connectorCommand } from './connector';
import { deliverCommand } from './deliver';
import { demoCommand } from './demo';
import { lakehouseCommand } from './lakehouse';
import { pipelineCommand } from './pipeline';
import { runsCommand } from './runs';
import { schemaCommand } from './schema';
import { statusCommand } from './status';
import { syncCommand } from './sync';
import { transformCommand } from './transform';

/** Every top-level command, in the order `--help` lists them. Add a command by adding its module here. */
export const commands: LearnflowCommand[] = [
  connectorCommand,
  schemaCommand,
  syncCommand,
  lakehouseCommand,
  transformCommand,
  deliverCommand,
  pipelineCommand,
  statusCommand,
  runsCommand,
  demoCommand,
];
