import { parseConnectorArgs, requireFlag } from './args';
import { parseConfiguredCatalog } from './catalog';
import {
  createRunContext,
  reportFailure,
  runAsMain,
  type ConnectorIO,
  type RunContext,
} from './connector-io';
import type { Destination, MessageInput } from './destination';
import { ConnectorError, ConnectorUsageError, describeConnectorError } from './errors';
import { readJsonFile } from './read-json-file';
import { readMessageBatches, type ReadMessagesStats } from './read-messages';
import { loadConfig } from './load-config';

/**
 * Run a destination with Airbyte's arguments: `spec`, `check --config F`, `write --config F --catalog F`
 * (messages on stdin). Resolves to the exit code: 0 ok, 1 failure, 2 usage error. Every failure is one
 * TRACE ERROR on stdout; `check` reports config problems as CONNECTION_STATUS FAILED with exit code 0.
 */
export async function runDestination<C>(
  destination: Destination<C>,
  argv: readonly string[],
  io: ConnectorIO = {},
): Promise<number> {
  const ctx = createRunContext(destination.name, io);
  try {
    const args = parseConnectorArgs(argv);
    if (args.ignored.length) ctx.logger.debug(`ignoring arguments: ${args.ignored.join(' ')}`);
    switch (args.command) {
      case 'spec':
        await ctx.writer.write({ type: 'SPEC', spec: destination.spec() });
        break;
      case 'check':
        await destinationCheck(destination, requireFlag(args, 'config'), ctx);
        break;
      case 'write':
        await destinationWrite(destination, requireFlag(args, 'config'), requireFlag(args, 'catalog'), ctx);
        break;
      default:
        throw new ConnectorUsageError(
          args.command
            ? `unknown command '${args.command}'; a destination supports spec, check and write`
            : 'name a command: spec, check --config F, write --config F --catalog F',
          { where: 'command line' },
        );
    }
    await ctx.writer.close();
    return 0;
  } catch (e) {
    return reportFailure(ctx, e);
  }
}

async function destinationCheck<C>(destination: Destination<C>, file: string, ctx: RunContext) {
  let status;
  try {
    const config = loadConfig<C>(destination.spec(), file, ctx);
    status = await destination.check(config, ctx.logger);
  } catch (e) {
    // As for sources: connector errors answer "does this config work?"; anything else is a bug.
    if (!(e instanceof ConnectorError)) throw e;
    status = { status: 'FAILED' as const, message: describeConnectorError(e) };
  }
  if (status.message) status = { ...status, message: ctx.logger.redact(status.message) };
  await ctx.writer.write({ type: 'CONNECTION_STATUS', connectionStatus: status });
}

async function destinationWrite<C>(
  destination: Destination<C>,
  configFile: string,
  catalogFile: string,
  ctx: RunContext,
) {
  const config = loadConfig<C>(destination.spec(), configFile, ctx);
  const catalog = parseConfiguredCatalog(readJsonFile(catalogFile, 'catalog'), catalogFile);
  const stats: ReadMessagesStats = { messages: 0, skipped: 0 };
  const batches = readMessageBatches(ctx.stdin, ctx.logger, stats);
  const input: MessageInput = {
    async *[Symbol.asyncIterator]() {
      for await (const batch of batches) yield* batch;
    },
    batches: () => batches,
  };
  for await (const message of destination.write(config, catalog, input, ctx.logger)) {
    const p = ctx.writer.write(message);
    if (p) await p;
    // States tell the platform that data is durable: deliver them promptly.
    if (message.type === 'STATE') {
      const f = ctx.writer.flush();
      if (f) await f;
    }
  }
  ctx.logger.info(`write finished: ${stats.messages} message(s) read, ${stats.skipped} line(s) skipped`);
}

/** The entry point of a destination: `if (require.main === module) destinationMain(destination)`. */
export function destinationMain<C>(destination: Destination<C>, argv = process.argv.slice(2)): void {
  runAsMain((a) => runDestination(destination, a), argv);
}
