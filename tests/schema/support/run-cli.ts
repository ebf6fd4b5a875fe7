import { Writable } from 'node:stream';
import { main } from '../../../runner/cli/main';
import { memoryLogger } from '../../../runner/common/logger';

/** Run the learnflow CLI in-process; returns the exit code, what it printed and what it logged. */
export async function runCli(
  args: string[],
  cwd: string,
): Promise<{ code: number; out: string; log: string }> {
  let out = '';
  const stdout = new Writable({
    write(chunk, _enc, done) {
      out += String(chunk);
      done();
    },
  });
  const logger = memoryLogger('debug');
  const code = await main(args, { cwd, stdout, logger });
  return { code, out, log: logger.lines.join('\n') };
}
