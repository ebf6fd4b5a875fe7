/**
 * One delivery to one target: a numbered run in the lakehouse history, the target's sink, the report
 * (stored whether the delivery succeeded or failed, errors redacted).
 */
import { UsageError, describeError } from '../common/errors';
import type { Logger } from '../common/logger';
import type { LakehouseConnection } from '../lakehouse/lakehouse-connection';
import { DeliveryError } from './delivery-error';
import { ensureDeliveryHistory, recordDelivery, startDelivery } from './delivery-history';
import { totalWritten, type DeliveryReport, type ObjectCounts } from './delivery-report';
import { DEFAULT_MARTS_SCHEMA, DEFAULT_MAX_DELETE_SHARE, type DeliverSettings } from './deliver-settings';
import { deliverToOpenSearch } from './sinks/opensearch-sink';
import { deliverToPostgres } from './sinks/postgres-sink';
import { deliverToWebhook } from './sinks/webhook-sink';

export type DeliveryTarget = 'postgres' | 'opensearch' | 'webhook';
export const DELIVERY_TARGETS: DeliveryTarget[] = ['postgres', 'opensearch', 'webhook'];

export interface RunDeliveryOptions {
  target: DeliveryTarget;
  lakehouse: LakehouseConnection;
  settings: DeliverSettings;
  logger: Logger;
  rebuild?: boolean;
  allowMassDelete?: boolean;
  env?: NodeJS.ProcessEnv;
}

function missing(target: string): UsageError {
  return new UsageError(`no ${target} target is configured`, {
    where: 'learnflow.yml deliver',
    hint:
      target === 'webhook'
        ? 'add deliver.webhook (url, secret_env) to learnflow.yml'
        : `add deliver.${target}.url to learnflow.yml or pass --${target}-url`,
  });
}

async function runSink(o: RunDeliveryOptions, deliveryId: number): Promise<Record<string, ObjectCounts>> {
  const common = {
    lakehouse: o.lakehouse,
    martsSchema: o.settings.marts_schema ?? DEFAULT_MARTS_SCHEMA,
    logger: o.logger,
    allowMassDelete: o.allowMassDelete ?? false,
    maxDeleteShare: o.settings.max_delete_share ?? DEFAULT_MAX_DELETE_SHARE,
    env: o.env ?? process.env,
  };
  switch (o.target) {
    case 'postgres':
      if (!o.settings.postgres) throw missing('postgres');
      return deliverToPostgres({
        ...common,
        url: o.settings.postgres.url,
        schema: o.settings.postgres.schema,
      });
    case 'opensearch': {
      const s = o.settings.opensearch;
      if (!s) throw missing('opensearch');
      return deliverToOpenSearch({
        ...common,
        url: s.url,
        indexPrefix: s.index_prefix ?? 'learn',
        replicas: s.replicas,
        shards: s.shards,
        rebuild: o.rebuild ?? false,
        version: deliveryId,
      });
    }
    case 'webhook': {
      const s = o.settings.webhook;
      if (!s) throw missing('webhook');
      const secret = (o.env ?? process.env)[s.secret_env];
      if (!secret)
        throw new DeliveryError(`the webhook secret variable ${s.secret_env} is not set`, {
          where: 'learnflow.yml deliver.webhook.secret_env',
          hint: `export ${s.secret_env} before running learnflow deliver --target webhook`,
        });
      o.logger.addSecret(secret);
      return deliverToWebhook({ ...common, url: s.url, secret });
    }
  }
}

export async function runDelivery(o: RunDeliveryOptions): Promise<DeliveryReport> {
  if (!o.settings[o.target]) throw missing(o.target);
  await ensureDeliveryHistory(o.lakehouse);
  const startedAt = new Date().toISOString();
  const deliveryId = await startDelivery(o.lakehouse, o.target, startedAt);
  const report: DeliveryReport = {
    deliveryId,
    target: o.target,
    status: 'succeeded',
    startedAt,
    endedAt: startedAt,
    objects: {},
    written: 0,
  };
  try {
    report.objects = await runSink(o, deliveryId);
  } catch (e) {
    report.status = 'failed';
    report.error = o.logger.redact(describeError(e));
    report.endedAt = new Date().toISOString();
    await recordDelivery(o.lakehouse, report);
    throw e;
  }
  report.written = totalWritten(report.objects);
  report.endedAt = new Date().toISOString();
  await recordDelivery(o.lakehouse, report);
  return report;
}
