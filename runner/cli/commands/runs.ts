import type { LearnflowCommand } from '../command';
import { UsageError } from '../../common/errors';
import { requireEnv } from '../../config/interpolate-env';
import { loadLearnflowConfig, resolveConfigFile } from '../../config/load-config';
import { DEFAULT_LAKEHOUSE, openLakehouse } from '../../lakehouse/lakehouse-connection';
import { formatRuns } from '../../pipeline/format-status';
import { registerPipelineSections } from '../../pipeline/pipeline-settings';
import { parseSince, readRuns } from '../../pipeline/read-status';

interface RunsArgs {
  config?: string;
  since?: string;
  limit: number;
  json: boolean;
}

/** `learnflow runs`: pipeline runs, newest first, with their steps. */
export const runsCommand: LearnflowCommand<RunsArgs> = {
  command: 'runs',
  describe: 'pipeline runs, newest first, with each step: status, duration, rows',
  builder: (y) =>
    y
      .option('config', { type: 'string', describe: 'the config file (default: ./learnflow.yml)' })
      .option('since', { type: 'string', describe: 'only runs started since: an ISO time or 90m, 24h, 7d' })
      .option('limit', { type: 'number', default: 20, describe: 'at most this many runs' })
      .option('json', { type: 'boolean', default: false, describe: 'a JSON array on stdout' })
      .example('$0 runs --since 24h', 'the last day'),
  run: async (args, ctx) => {
    const since = parseSince(args.since);
    if (args.since && !since)
      throw new UsageError(`--since ${args.since}: give an ISO time or a duration such as 24h`);
    registerPipelineSections();
    const loaded = loadLearnflowConfig(resolveConfigFile(ctx.cwd, args.config));
    requireEnv(loaded.missingEnv, ['lakehouse'], loaded.file);
    for (const s of loaded.secrets) ctx.logger.addSecret(s);
    const c = await openLakehouse(loaded.config.lakehouse ?? DEFAULT_LAKEHOUSE, {
      baseDir: loaded.dir,
      logger: ctx.logger,
    });
    try {
      const runs = await readRuns(c, since, args.limit);
      ctx.stdout.write(args.json ? JSON.stringify(runs, null, 2) + '\n' : formatRuns(runs));
    } finally {
      await c.close();
    }
    return 0;
  },
};
