import type { Argv, ArgumentsCamelCase } from 'yargs';
import type { Logger } from '../common/logger';

/** What every command handler is given: one logger, the working directory, stdout. */
export interface CliContext {
  logger: Logger;
  cwd: string;
  stdout: NodeJS.WritableStream;
}

/**
 * One CLI command. `run` returns the exit code (0 ok, 1 failure); a thrown UsageError exits 2,
 * any other thrown error exits 1 with its message on stderr.
 */
export interface LearnflowCommand<A = any> {
  command: string | string[];
  describe: string;
  builder?: (y: Argv) => Argv<any>;
  run: (args: ArgumentsCamelCase<A>, ctx: CliContext) => Promise<number>;
}
