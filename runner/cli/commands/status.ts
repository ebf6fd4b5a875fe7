import type { LearnflowCommand } from '../command';
import { loadLearnflowConfig, resolveConfigFile } from '../../config/load-config';
import { requireEnv } from '../../config/interpolate-env';
import { DEFAULT_LAKEHOUSE, openLakehouse } from '../../lakehouse/lakehouse-connection';
import { formatStatus } from '../../pipeline/format-status';
import { registerPipelineSections } from '../../pipeline/pipeline-settings';
import { readStatus } from '../../pipeline/read-status';

interface StatusArgs {
  config?: string;
  json: boolean;
}

/** `learnflow status`: the last run of every connection, stream, model and delivery. */
export const statusCommand: LearnflowCommand<StatusArgs> = {
  command: 'status',
  describe:
    'the last run of every connection, stream, model and delivery: when, how long, rows, state, errors',
  builder: (y) =>
    y
      .option('config', { type: 'string', describe: 'the config file (default: ./learnflow.yml)' })
      .option('json', { type: 'boolean', default: false, describe: 'one JSON document on stdout' }),
  run: async (args, ctx) => {
    registerPipelineSections();
    const loaded = loadLearnflowConfig(resolveConfigFile(ctx.cwd, args.config));
    requireEnv(loaded.missingEnv, ['lakehouse'], loaded.file);
    for (const s of loaded.secrets) ctx.logger.addSecret(s);
    const c = await openLakehouse(loaded.config.lakehouse ?? DEFAULT_LAKEHOUSE, {
      baseDir: loaded.dir,
      logger: ctx.logger,
    });
    try {
      const status = await readStatus(c);
      ctx.stdout.write(args.json ? JSON.stringify(status, null, 2) + '\n' : formatStatus(status));
    } finally {
      await c.close();
    }
    return 0;
  },
};
