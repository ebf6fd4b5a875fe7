import fs from 'node:fs';
import path from 'node:path';
import { UsageError } from '../../common/errors';
import type { LearnflowCommand } from '../command';
import type { TaskOptions } from '../../transform/tasks/task-options';

interface TransformArgs {
  cmd: string;
  sub?: string;
  projectDir?: string;
  profilesDir?: string;
  target?: string;
  vars?: string;
  threads?: number;
  fullRefresh: boolean;
  failFast: boolean;
  select?: string[];
  exclude?: string[];
  selector?: string;
  state?: string;
  resourceType?: string[];
  output?: string;
  inline?: string;
  limit?: number;
  storeFailures: boolean;
}

const COMMANDS = [
  'parse',
  'compile',
  'run',
  'test',
  'seed',
  'snapshot',
  'build',
  'ls',
  'list',
  'show',
  'source',
  'docs',
  'retry',
  'clean',
  'debug',
];

/**
 * `learnflow transform <command>`: the dbt-compatible runner. The engine is loaded only when a command
 * runs, so `learnflow --help` stays fast.
 */
export const transformCommand: LearnflowCommand<TransformArgs> = {
  command: 'transform <cmd> [sub]',
  describe:
    'dbt-compatible transforms: parse, compile, run, test, seed, snapshot, build, ls, show, source freshness, docs generate, retry, clean, debug',
  builder: (y) =>
    y
      .positional('cmd', { choices: COMMANDS, describe: 'what to do' })
      .positional('sub', { type: 'string', describe: '`source freshness`, `docs generate`' })
      .option('project-dir', {
        type: 'string',
        describe: 'the folder with dbt_project.yml (default: the nearest one up from here)',
      })
      .option('profiles-dir', {
        type: 'string',
        describe: 'the folder with profiles.yml (default: $DBT_PROFILES_DIR, the project, ~/.dbt)',
      })
      .option('target', { alias: 't', type: 'string', describe: 'the profile target' })
      .option('vars', { type: 'string', describe: "variables as YAML, e.g. '{key: value}'" })
      .option('threads', { type: 'number', describe: 'nodes built at once' })
      .option('full-refresh', {
        type: 'boolean',
        default: false,
        describe: 'rebuild incremental models and seeds from scratch',
      })
      .option('fail-fast', {
        alias: 'x',
        type: 'boolean',
        default: false,
        describe: 'stop at the first failure',
      })
      .option('select', {
        alias: ['s', 'models', 'm'],
        type: 'string',
        array: true,
        describe: 'node selection (dbt syntax)',
      })
      .option('exclude', { type: 'string', array: true, describe: 'nodes to leave out' })
      .option('selector', { type: 'string', describe: 'a named selector from selectors.yml' })
      .option('state', {
        type: 'string',
        describe: 'a folder with a previous manifest.json / run_results.json',
      })
      .option('resource-type', {
        alias: 'resource-types',
        type: 'string',
        array: true,
        describe: 'ls: only these resource types',
      })
      .option('output', {
        alias: 'o',
        type: 'string',
        describe: 'ls: selector|name|path|json; show: text|json',
      })
      .option('inline', { type: 'string', describe: 'show: SQL to run instead of a model' })
      .option('limit', { type: 'number', describe: 'show: rows to print (default 5)' })
      .option('store-failures', {
        type: 'boolean',
        default: false,
        describe: 'test/build: keep failing rows in <schema>_dbt_test__audit',
      })
      .example(
        '$0 transform build --project-dir transforms',
        'seeds, models, snapshots and tests in DAG order',
      )
      .example(
        "$0 transform run -s 'tag:nightly,staging+'",
        'models tagged nightly within staging and downstream',
      )
      .example('$0 transform show --inline "select 1 as x"', 'run a query against the target'),
  run: async (args, ctx) => {
    const projectDir = args.projectDir
      ? path.resolve(ctx.cwd, args.projectDir)
      : await findProjectDir(ctx.cwd);
    const opts: TaskOptions = {
      projectDir,
      profilesDir: args.profilesDir ? path.resolve(ctx.cwd, args.profilesDir) : undefined,
      target: args.target,
      vars: args.vars,
      threads: args.threads,
      fullRefresh: args.fullRefresh,
      failFast: args.failFast,
      select: (args.select ?? []).map(String),
      exclude: (args.exclude ?? []).map(String),
      selector: args.selector,
      state: args.state ? path.resolve(ctx.cwd, args.state) : undefined,
      env: process.env,
      logger: ctx.logger,
      out: (text) => ctx.stdout.write(text),
      extra: {
        resourceType: args.resourceType,
        output: args.output,
        inline: args.inline,
        limit: args.limit,
        storeFailures: args.storeFailures,
      },
    };
    const tasks = require('../../transform/tasks') as typeof import('../../transform/tasks');
    switch (args.cmd) {
      case 'parse':
        return tasks.parseTask(opts);
      case 'compile':
        return tasks.compileTask(opts);
      case 'run':
      case 'test':
      case 'seed':
      case 'snapshot':
      case 'build':
        return tasks.executeNodes(opts, args.cmd);
      case 'ls':
      case 'list':
        return tasks.lsTask(opts);
      case 'show':
        return tasks.showTask(opts);
      case 'source':
        if (args.sub !== 'freshness')
          throw new UsageError('did you mean `learnflow transform source freshness`?');
        return tasks.freshnessTask(opts);
      case 'docs':
        if (args.sub !== 'generate')
          throw new UsageError('did you mean `learnflow transform docs generate`?');
        return tasks.docsGenerateTask(opts);
      case 'retry':
        return tasks.retryTask(opts);
      case 'clean':
        return tasks.cleanTask(opts);
      case 'debug':
        return tasks.debugTask(opts);
      default:
        throw new UsageError(`unknown transform command '${args.cmd}'`);
    }
  },
};

/** The nearest folder at or above `cwd` holding dbt_project.yml. */
async function findProjectDir(cwd: string): Promise<string> {
  let dir = path.resolve(cwd);
  for (;;) {
    if (fs.existsSync(path.join(dir, 'dbt_project.yml'))) return dir;
    const up = path.dirname(dir);
    if (up === dir)
      throw new UsageError('no dbt_project.yml here or in any parent folder', { hint: 'pass --project-dir' });
    dir = up;
  }
}
