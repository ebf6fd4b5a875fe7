import yargs from 'yargs';
import { hideBin } from 'yargs/helpers';
import { commands } from './commands';
import type { CliContext } from './command';
import { createLogger, type Level } from '../common/logger';
import { LearnflowError, UsageError, describeError } from '../common/errors';

const pkg = require('../../package.json') as { version: string };

/** Run the CLI with the given arguments; resolves to the process exit code (0 ok, 1 failure, 2 usage). */
export async function main(argv: string[], ctx: Partial<CliContext> = {}): Promise<number> {
  const level = (process.env.LEARNFLOW_LOG_LEVEL as Level | undefined) ?? 'info';
  const logger = ctx.logger ?? createLogger({ level });
  const context: CliContext = { logger, cwd: ctx.cwd ?? process.cwd(), stdout: ctx.stdout ?? process.stdout };
  let exitCode = 0;
  let usageFailure: string | undefined;

  const parser = yargs(argv)
    .scriptName('learnflow')
    .usage('$0 <command> [options]\n\nConnectors, transforms and delivery for the MIT Learn catalog.')
    .version(pkg.version)
    .strict()
    .demandCommand(1, 'Name a command; see learnflow --help.')
    .recommendCommands()
    .wrap(Math.min(110, process.stdout.columns || 110))
    .exitProcess(false)
    .fail((msg, err) => {
      if (err) throw err;
      usageFailure = msg;
    })
    .help();

  for (const c of commands) {
    parser.command({
      command: c.command,
      describe: c.describe,
      builder: (y) => (c.builder ? c.builder(y) : y),
      handler: async (args) => {
        exitCode = await c.run(args, context);
      },
    });
  }

  try {
    await parser.parseAsync();
  } catch (e) {
    if (e instanceof UsageError) {
      logger.error(describeError(e));
      return 2;
    }
    logger.error(e instanceof LearnflowError ? describeError(e) : describeError(e));
    if (process.env.LEARNFLOW_DEBUG && e instanceof Error && e.stack) logger.error(e.stack);
    return 1;
  }
  if (usageFailure !== undefined) {
    process.stderr.write(`${usageFailure}\nRun learnflow --help for usage.\n`);
    return 2;
  }
  return exitCode;
}

if (require.main === module) {
  main(hideBin(process.argv)).then(
    (code) => {
      process.exitCode = code;
    },
    (e) => {
      process.stderr.write(`${describeError(e)}\n`);
      process.exitCode = 1;
    },
  );
}
