import type { Logger } from '../common/logger';
import { jsonReporter } from './json-reporter';
import { liveReporter } from './live-reporter';
import type { PipelineReporter } from './pipeline-events';
import { plainReporter } from './plain-reporter';
import { liveLogger } from './live-logger';

/**
 * `--json`: events on stdout; a terminal: the live view on stderr (info lines held back so they do not
 * tear the bars); otherwise a plain log.
 */
export function chooseReporter(
  json: boolean,
  stdout: NodeJS.WritableStream,
  logger: Logger,
): { reporter: PipelineReporter; logger: Logger; live: boolean } {
  if (json) return { reporter: jsonReporter(stdout), logger, live: false };
  const tty = (stdout as NodeJS.WriteStream).isTTY === true && process.stderr.isTTY === true;
  if (tty) {
    const live = liveReporter(process.stderr);
    return { reporter: live, logger: liveLogger(logger, (l) => live.log(l)), live: true };
  }
  return { reporter: plainReporter(logger), logger, live: false };
}
