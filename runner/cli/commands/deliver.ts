import type { LearnflowCommand } from '../command';
import { UsageError } from '../../common/errors';
import { requireEnv } from '../../config/interpolate-env';
import { loadLearnflowConfig, resolveConfigFile } from '../../config/load-config';
import { DEFAULT_LAKEHOUSE, openLakehouse } from '../../lakehouse/lakehouse-connection';
import { registerDeliverSection, type DeliverSettings } from '../../deliver/deliver-settings';
import { formatReport } from '../../deliver/delivery-report';
import { DELIVERY_TARGETS, runDelivery, type DeliveryTarget } from '../../deliver/run-delivery';

interface DeliverArgs {
  config?: string;
  target?: DeliveryTarget[];
  rebuild: boolean;
  allowMassDelete: boolean;
  json: boolean;
  martsSchema?: string;
  postgresUrl?: string;
  opensearchUrl?: string;
  webhookUrl?: string;
}

registerDeliverSection();

/** `learnflow deliver`: the incremental, crash-safe sync of the Learn marts to the app's targets. */
export const deliverCommand: LearnflowCommand<DeliverArgs> = {
  command: 'deliver',
  describe: 'deliver the Learn marts to the app: PostgreSQL, OpenSearch, the webhook (only what changed)',
  builder: (y) =>
    y
      .option('config', { type: 'string', describe: 'the config file (default: ./learnflow.yml)' })
      .option('target', {
        choices: DELIVERY_TARGETS,
        array: true,
        describe: 'the targets (default: every target configured in deliver:)',
      })
      .option('rebuild', { type: 'boolean', default: false, describe: 'opensearch: new indexes, alias swap' })
      .option('allow-mass-delete', {
        type: 'boolean',
        default: false,
        describe: "allow removing more than deliver.max_delete_share of a source's resources",
      })
      .option('json', { type: 'boolean', default: false, describe: 'print the reports as JSON' })
      .option('marts-schema', { type: 'string', describe: 'the lakehouse schema of the marts' })
      .option('postgres-url', { type: 'string', describe: 'override deliver.postgres.url' })
      .option('opensearch-url', { type: 'string', describe: 'override deliver.opensearch.url' })
      .option('webhook-url', { type: 'string', describe: 'override deliver.webhook.url' })
      .example('$0 deliver --target postgres', 'upsert what changed into the app database')
      .example('$0 deliver --target opensearch --rebuild', 'fresh indexes, swapped in atomically'),
  run: async (args, ctx) => {
    const loaded = loadLearnflowConfig(resolveConfigFile(ctx.cwd, args.config));
    for (const s of loaded.secrets) ctx.logger.addSecret(s);
    requireEnv(loaded.missingEnv, ['lakehouse', 'deliver'], loaded.file);
    const settings: DeliverSettings = { ...((loaded.config.deliver as DeliverSettings | undefined) ?? {}) };
    if (args.martsSchema) settings.marts_schema = args.martsSchema;
    if (args.postgresUrl) settings.postgres = { ...settings.postgres, url: args.postgresUrl };
    if (args.opensearchUrl) settings.opensearch = { ...settings.opensearch, url: args.opensearchUrl };
    if (args.webhookUrl) {
      if (!settings.webhook?.secret_env)
        throw new UsageError('--webhook-url needs deliver.webhook.secret_env in learnflow.yml', {
          where: loaded.file,
        });
      settings.webhook = { ...settings.webhook, url: args.webhookUrl };
    }
    const targets = args.target?.length
      ? args.target
      : DELIVERY_TARGETS.filter((t) => settings[t] !== undefined);
    if (!targets.length)
      throw new UsageError('no delivery target: add a deliver: section to learnflow.yml or pass --target', {
        where: loaded.file,
      });
    const lakehouse = await openLakehouse(loaded.config.lakehouse ?? DEFAULT_LAKEHOUSE, {
      baseDir: loaded.dir,
      logger: ctx.logger,
    });
    const reports = [];
    try {
      for (const target of targets) {
        const report = await runDelivery({
          target,
          lakehouse,
          settings,
          logger: ctx.logger,
          rebuild: args.rebuild,
          allowMassDelete: args.allowMassDelete,
        });
        reports.push(report);
        if (!args.json) ctx.stdout.write(formatReport(report) + '\n');
      }
    } finally {
      await lakehouse.close();
    }
    if (args.json) ctx.stdout.write(JSON.stringify(reports) + '\n');
    return 0;
  },
};
