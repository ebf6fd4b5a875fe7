/**
 * The pipeline's delivery step: runner/deliver's `runDelivery` for each configured target whose marts
 * changed since it was last delivered to (a content fingerprint per mart table, kept as pipeline marks).
 */
import { LearnflowError } from '../common/errors';
import type { Logger } from '../common/logger';
import type { DeliverSettings } from '../deliver/deliver-settings';
import { runDelivery, type DeliveryTarget } from '../deliver/run-delivery';
import type { LakehouseConnection } from '../lakehouse/lakehouse-connection';
import { readMarks, writeMarks } from './pipeline-history';
import { tableFingerprint } from './table-fingerprint';

export interface DeliverTargetOutcome {
  target: string;
  status: 'succeeded' | 'failed' | 'skipped';
  /** Rows or documents written per table / index. */
  written: Record<string, number>;
  total: number;
  deliveryId?: number;
  error?: string;
  message?: string;
}

/** Fingerprints of every table in the marts schema. */
export async function martFingerprints(c: LakehouseConnection, schema: string): Promise<Map<string, string>> {
  const rows = await c.query(
    "SELECT table_name FROM information_schema.tables WHERE table_schema = $1 AND table_type = 'BASE TABLE' ORDER BY table_name",
    [schema],
  );
  const out = new Map<string, string>();
  for (const r of rows) {
    const table = String(r.table_name);
    const print = await tableFingerprint(c, schema, table);
    if (print !== null) out.set(table, print);
  }
  return out;
}

export async function deliverChangedMarts(options: {
  lakehouse: LakehouseConnection;
  settings: Record<string, unknown>;
  targets: string[];
  martsSchema: string;
  logger: Logger;
  env: NodeJS.ProcessEnv;
  onTarget?: (done: number, total: number) => void;
}): Promise<DeliverTargetOutcome[]> {
  const { lakehouse, targets, martsSchema, logger } = options;
  const prints = await martFingerprints(lakehouse, martsSchema);
  const out: DeliverTargetOutcome[] = [];
  let done = 0;
  for (const target of targets) {
    const consumer = `deliver:${target}`;
    const marks = await readMarks(lakehouse, consumer);
    const changed = [...prints].filter(([t, p]) => marks.get(t) !== p).map(([t]) => t);
    if (!prints.size || !changed.length) {
      out.push({
        target,
        status: 'skipped',
        written: {},
        total: 0,
        message: prints.size
          ? 'no mart changed since the last delivery'
          : `no tables in schema ${martsSchema}`,
      });
    } else {
      try {
        const report = await runDelivery({
          target: target as DeliveryTarget,
          lakehouse,
          settings: options.settings as DeliverSettings,
          logger: logger.child(target),
          env: options.env,
        });
        const written: Record<string, number> = {};
        for (const [name, c] of Object.entries(report.objects)) {
          const n = c.inserted + c.updated + c.deleted + c.unpublished;
          if (n) written[name] = n;
        }
        if (report.status === 'succeeded') await writeMarks(lakehouse, consumer, prints);
        out.push({
          target,
          status: report.status,
          written,
          total: report.written,
          deliveryId: report.deliveryId,
          message: `${changed.length} mart(s) changed`,
          ...(report.error ? { error: report.error } : {}),
        });
      } catch (e) {
        const error = logger.redact(e instanceof LearnflowError ? e.describe() : (e as Error).message);
        out.push({ target, status: 'failed', written: {}, total: 0, error });
      }
    }
    options.onTarget?.(++done, targets.length);
  }
  return out;
}
