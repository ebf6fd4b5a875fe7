import { ConnectorUsageError, describeConnectorError, failureTypeOf, ConnectorError } from './errors';
import { createConnectorLogger, type ConnectorLogger } from './logger';
import { MessageWriter } from './message-writer';
import { errorTrace } from './messages';
import type { StreamDescriptor } from './protocol';

/** Where a connector run reads and writes. Defaults: the process's stdin/stdout and a stderr logger. */
export interface ConnectorIO {
  stdin?: NodeJS.ReadableStream;
  stdout?: NodeJS.WritableStream;
  logger?: ConnectorLogger;
}

export interface RunContext {
  logger: ConnectorLogger;
  writer: MessageWriter;
  stdin: NodeJS.ReadableStream;
}

export function createRunContext(name: string, io: ConnectorIO = {}): RunContext {
  const logger = io.logger ?? createConnectorLogger({ name });
  const writer = new MessageWriter(io.stdout ?? process.stdout, { redact: (t) => logger.redact(t) });
  return { logger, writer, stdin: io.stdin ?? process.stdin };
}

/**
 * Report a failure: one TRACE ERROR on stdout (secrets redacted, failure_type from the error) and a line
 * on stderr. Returns the exit code: 2 for command-line usage errors, 1 for everything else.
 */
export async function reportFailure(ctx: RunContext, e: unknown, stream?: StreamDescriptor): Promise<number> {
  const message = ctx.logger.redact(describeConnectorError(e));
  const stack = e instanceof Error && e.stack ? ctx.logger.redact(e.stack) : undefined;
  const internal = e instanceof ConnectorError && e.internal ? ctx.logger.redact(e.internal) : undefined;
  ctx.logger.error(message);
  const p = ctx.writer.write(errorTrace(message, failureTypeOf(e), { internal, stack, stream }));
  if (p) await p;
  await ctx.writer.flush();
  return e instanceof ConnectorUsageError ? 2 : 1;
}

/**
 * The body of a connector entry point: run, set the exit code, and make sure an error that escapes the
 * runner still ends as a TRACE ERROR and exit code 1.
 */
export function runAsMain(run: (argv: string[]) => Promise<number>, argv = process.argv.slice(2)): void {
  // A reader that goes away (`| head`, a killed destination) ends the run quietly with exit code 1.
  process.stdout.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code === 'EPIPE') {
      process.stderr.write('stdout was closed by the reader; stopping\n');
      process.exit(1);
    }
    throw e;
  });
  run(argv).then(
    (code) => {
      process.exitCode = code;
    },
    (e) => {
      const message = describeConnectorError(e);
      process.stdout.write(JSON.stringify(errorTrace(message, failureTypeOf(e))) + '\n');
      process.stderr.write(`${message}\n`);
      process.exitCode = 1;
    },
  );
}
