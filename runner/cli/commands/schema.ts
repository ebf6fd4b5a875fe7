import type { LearnflowCommand } from '../command';
import {
  requireOperands,
  runDiff,
  runGenerate,
  runRelease,
  runValidate,
  type SchemaActionContext,
} from '../../schema/schema-commands';

interface SchemaArgs {
  action: 'generate' | 'diff' | 'validate' | 'release';
  operands: string[];
  check: boolean;
  schemaDir: string;
}

/** `learnflow schema generate|diff|validate|release`: the shared Learn data model and what comes from it. */
export const schemaCommand: LearnflowCommand<SchemaArgs> = {
  command: 'schema <action> [operands..]',
  describe: 'Shared schema: generate outputs, diff versions, validate records, release a snapshot',
  builder: (y) =>
    y
      .positional('action', {
        choices: ['generate', 'diff', 'validate', 'release'] as const,
        describe:
          'generate [--check]: write (or check) shared-schema/generated; diff <old> [new]: classify changes (dirs or git:<ref>); validate <entity> <file>: check records; release: snapshot released/<version>',
      })
      .positional('operands', { type: 'string', array: true, default: [] })
      .option('check', {
        type: 'boolean',
        default: false,
        describe: 'generate: exit 1 naming stale files, write nothing',
      })
      .option('schema-dir', { type: 'string', default: 'shared-schema', describe: 'the schema directory' })
      .example('$0 schema generate --check', 'fail when generated files are stale')
      .example(
        '$0 schema diff shared-schema/released/1.0.0 shared-schema',
        'classify changes since a release',
      )
      .example('$0 schema diff git:HEAD~1', 'classify changes since the previous commit')
      .example('$0 schema validate learning_resource rows.jsonl', 'report every failing field'),
  run: async (args, ctx) => {
    const sctx: SchemaActionContext = {
      cwd: ctx.cwd,
      schemaDir: args.schemaDir,
      logger: ctx.logger.child('schema'),
      out: (line) => ctx.stdout.write(line + '\n'),
    };
    const ops = args.operands.map(String);
    switch (args.action) {
      case 'generate':
        requireOperands('generate', ops, 0, 'no operands');
        return runGenerate(sctx, args.check);
      case 'diff':
        if (ops.length < 1 || ops.length > 2)
          requireOperands('diff', ops, 2, '<old> [new] (directories or git:<ref>)');
        return runDiff(sctx, ops[0], ops[1] ?? args.schemaDir);
      case 'validate':
        requireOperands('validate', ops, 2, '<entity> <file.json|file.jsonl>');
        return runValidate(sctx, ops[0], ops[1]);
      case 'release':
        requireOperands('release', ops, 0, 'no operands');
        return runRelease(sctx);
    }
  },
};
