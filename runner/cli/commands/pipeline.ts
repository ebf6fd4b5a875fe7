import type { LearnflowCommand } from '../command';
import { UsageError } from '../../common/errors';
import { loadLearnflowConfig, resolveConfigFile } from '../../config/load-config';
import { chooseReporter } from '../../pipeline/choose-reporter';
import { formatPipelineResult } from '../../pipeline/format-pipeline-result';
import { registerPipelineSections } from '../../pipeline/pipeline-settings';
import { runPipeline } from '../../pipeline/run-pipeline';

interface PipelineArgs {
  action: string;
  config?: string;
  select?: string[];
  resume: boolean;
  'refresh-catalog': boolean;
  json: boolean;
}

// One learnflow.yml serves every command: `transform:` and `pipeline:` are known to all of them (a
// `learnflow sync` on a file with a transform section must not call it unknown), not just to this one.
registerPipelineSections();

/** `learnflow pipeline run`: sync → transform (what changed) → deliver (marts that changed), with history. */
export const pipelineCommand: LearnflowCommand<PipelineArgs> = {
  command: 'pipeline <action>',
  describe:
    'run the whole pipeline: syncs, then the models downstream of new data and their tests, then delivery',
  builder: (y) =>
    y
      .positional('action', { choices: ['run'], describe: 'what to do' })
      .option('config', { type: 'string', describe: 'the config file (default: ./learnflow.yml)' })
      .option('select', {
        alias: 's',
        type: 'string',
        array: true,
        describe: 'only these connections (and what is downstream of them)',
      })
      .option('resume', {
        type: 'boolean',
        default: false,
        describe: 'continue the last run if it was interrupted, keeping its finished steps',
      })
      .option('refresh-catalog', {
        type: 'boolean',
        default: false,
        describe: "run every source's discover instead of reusing its last catalog",
      })
      .option('json', { type: 'boolean', default: false, describe: 'JSON events on stdout, one per line' })
      .example('$0 pipeline run', 'everything in learnflow.yml')
      .example(
        '$0 pipeline run --select mitxonline --json',
        'one connection and what it feeds, for an orchestrator',
      )
      .example('$0 pipeline run --resume', 'after an interruption: only what was not finished'),
  run: async (args, ctx) => {
    if (args.action !== 'run') throw new UsageError(`unknown action '${args.action}'`);
    registerPipelineSections();
    const loaded = loadLearnflowConfig(resolveConfigFile(ctx.cwd, args.config));
    const { reporter, logger } = chooseReporter(args.json, ctx.stdout, ctx.logger);
    let result;
    try {
      result = await runPipeline({
        loaded,
        logger,
        reporter,
        select: (args.select ?? []).map(String),
        resume: args.resume,
        refreshCatalog: args['refresh-catalog'],
      });
    } finally {
      reporter.close();
    }
    if (!args.json) ctx.stdout.write(formatPipelineResult(result));
    return result.status === 'succeeded' ? 0 : 1;
  },
};
