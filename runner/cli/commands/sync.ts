import type { LearnflowCommand } from '../command';
import { UsageError } from '../../common/errors';
import { loadLearnflowConfig, resolveConfigFile } from '../../config/load-config';
import { runSync } from '../../sync/run-sync';
import { barProgress, jsonProgress, quietProgress } from '../../sync/sync-progress';

interface SyncArgs {
  connection: string;
  config?: string;
  json: boolean;
  refresh: boolean;
  'refresh-catalog': boolean;
}

/** `learnflow sync <connection>`: land a connection's source in the lakehouse, resuming where it stopped. */
export const syncCommand: LearnflowCommand<SyncArgs> = {
  command: 'sync <connection>',
  describe: "run a connection from learnflow.yml: the source's read piped into destination-lakehouse",
  builder: (y) =>
    y
      .positional('connection', { type: 'string', describe: 'a name under connections: in learnflow.yml' })
      .option('config', { type: 'string', describe: 'the config file (default: ./learnflow.yml)' })
      .option('json', { type: 'boolean', default: false, describe: 'print progress as JSON lines on stdout' })
      .option('refresh-catalog', {
        type: 'boolean',
        default: false,
        describe: "run the source's discover instead of reusing the catalog of its last discover",
      })
      .option('refresh', {
        type: 'boolean',
        default: false,
        describe: 'read every stream from the start into a new generation, swapped in when complete',
      })
      .example('$0 sync mitxonline', 'sync, resuming from the last committed state')
      .example('$0 sync mitxonline --json', 'progress events for CI and orchestrators'),
  run: async (args, ctx) => {
    if (!args.connection) throw new UsageError('name a connection: learnflow sync <connection>');
    const loaded = loadLearnflowConfig(resolveConfigFile(ctx.cwd, args.config));
    const stderr = process.stderr;
    const progress = args.json
      ? jsonProgress(ctx.stdout)
      : stderr.isTTY
        ? barProgress(stderr)
        : quietProgress();
    const result = await runSync({
      loaded,
      connection: args.connection,
      logger: ctx.logger,
      progress,
      refresh: args.refresh,
      refreshCatalog: args['refresh-catalog'],
    });
    if (!args.json) {
      for (const s of result.streams)
        ctx.stdout.write(
          `${s.stream}: ${s.status}, ${s.read} read, ${s.committed} committed, ${s.rejected} rejected` +
            ` (generation ${s.generationId ?? '-'})\n`,
        );
      ctx.stdout.write(
        `sync ${result.syncId} of ${result.connection} ${result.status}: ${result.recordsRead} read, ` +
          `${result.recordsCommitted} committed, ${result.recordsRejected} rejected` +
          `${result.error ? ` — ${result.error}` : ''}\n`,
      );
    }
    if (result.status !== 'succeeded')
      ctx.logger.error(
        `re-run \`learnflow sync ${args.connection}\` to resume from the last committed state`,
      );
    return result.status === 'succeeded' ? 0 : 1;
  },
};
