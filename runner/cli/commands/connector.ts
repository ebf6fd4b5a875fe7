import path from 'node:path';
import type { Argv } from 'yargs';
import { connectorRegistry, findConnector, runRegisteredConnector } from '../../../connectors/registry';
import { UsageError } from '../../common/errors';
import type { LearnflowCommand } from '../command';

interface ConnectorArgs {
  name: string;
  operation: string;
  config?: string;
  catalog?: string;
  state?: string;
}

const OPERATIONS = { source: ['spec', 'check', 'discover', 'read'], destination: ['spec', 'check', 'write'] };

/**
 * `learnflow connector <name> <spec|check|discover|read|write> [--config F] [--catalog F] [--state F]`:
 * runs any connector of the repo with the standard Airbyte arguments. Protocol messages go to stdout,
 * logs to stderr; a destination's `write` reads messages on stdin. Exit codes are the connector's.
 */
export const connectorCommand: LearnflowCommand<ConnectorArgs> = {
  command: 'connector <name> <operation>',
  describe: 'Run a connector (spec, check, discover, read, write) with the Airbyte protocol on stdout',
  builder: (y: Argv) =>
    y
      .positional('name', {
        type: 'string',
        describe: `the connector: ${connectorRegistry.map((c) => c.name).join(', ')}`,
      })
      .positional('operation', {
        type: 'string',
        describe: 'spec | check | discover | read (sources) | write (destinations)',
      })
      .option('config', { type: 'string', describe: 'config JSON file (check, discover, read, write)' })
      .option('catalog', { type: 'string', describe: 'configured catalog JSON file (read, write)' })
      .option('state', { type: 'string', describe: 'state JSON file (read)' })
      .example('$0 connector source-mitxonline spec', 'print the connector spec')
      .example(
        '$0 connector source-mitxonline read --config config.json --catalog catalog.json',
        'read records as protocol messages',
      ),
  run: async (args, ctx) => {
    const c = findConnector(args.name);
    if (!c) {
      throw new UsageError(`unknown connector '${args.name}'`, {
        hint: `available: ${connectorRegistry.map((r) => r.name).join(', ')}`,
      });
    }
    if (!OPERATIONS[c.kind].includes(args.operation)) {
      throw new UsageError(`${c.name} is a ${c.kind}; it has no '${args.operation}' operation`, {
        hint: `use one of: ${OPERATIONS[c.kind].join(', ')}`,
      });
    }
    const argv = [args.operation];
    for (const flag of ['config', 'catalog', 'state'] as const) {
      const v = args[flag];
      if (v) argv.push(`--${flag}`, path.resolve(ctx.cwd, v));
    }
    return runRegisteredConnector(c, argv, { stdout: ctx.stdout });
  },
};
