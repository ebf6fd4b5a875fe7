/**
 * The app's webhook target: `POST /api/v1/webhooks/learning_resources/` with `{"resources": [...]}`, one
 * batch per (etl_source, resource_type) group holding the group's complete set of published resources (the
 * app unpublishes what a batch lacks), signed with HMAC-SHA256 of the exact body in `X-MITLearn-Signature`.
 * Only groups with a changed, new or removed resource are sent; the delivered state of a group advances
 * after the app acknowledged its batch.
 */
import { createHmac } from 'node:crypto';
import type { Logger } from '../../common/logger';
import type { LakehouseConnection } from '../../lakehouse/lakehouse-connection';
import { crashPoint } from '../crash-point';
import { DeliveryError } from '../delivery-error';
import { emptyCounts, type ObjectCounts } from '../delivery-report';
import { LakehouseDeliveredState } from '../lakehouse-delivered-state';
import { documentHash, readLearnDocuments, type ResourceDocument } from '../learn-documents';
import type { KeyHash } from '../mart-tables';
import { checkMassDelete, resourceLosses } from '../mass-delete-guard';
import { diffRows } from '../row-diff';

export const WEBHOOK_PATH = '/api/v1/webhooks/learning_resources/';
export const SIGNATURE_HEADER = 'X-MITLearn-Signature';
const STATE_OBJECT = 'learning_resource';

export interface WebhookSinkOptions {
  /** The app's base URL (or the full webhook URL). */
  url: string;
  secret: string;
  lakehouse: LakehouseConnection;
  martsSchema: string;
  logger: Logger;
  allowMassDelete: boolean;
  maxDeleteShare: number;
  env?: NodeJS.ProcessEnv;
  /** Attempts per batch on 429, 5xx and connection errors (default 4). */
  attempts?: number;
  /** First backoff in ms (doubles each attempt, with jitter; default 200). */
  backoffMs?: number;
}

/** The hex HMAC-SHA256 of the exact body bytes. */
export function signBody(body: string, secret: string): string {
  return createHmac('sha256', secret).update(body, 'utf8').digest('hex');
}

function endpoint(url: string): string {
  return url.includes('/api/v1/webhooks/') ? url : url.replace(/\/+$/, '') + WEBHOOK_PATH;
}

function groupKey(d: ResourceDocument): string {
  return `${d.etlSource}/${d.resourceType}`;
}

async function post(o: WebhookSinkOptions, url: string, body: string, group: string): Promise<void> {
  const attempts = o.attempts ?? 4;
  let wait = o.backoffMs ?? 200;
  for (let attempt = 1; ; attempt++) {
    let status = 0;
    let reason: string;
    try {
      const res = await fetch(url, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', [SIGNATURE_HEADER]: signBody(body, o.secret) },
        body,
      });
      status = res.status;
      await res.arrayBuffer();
      if (res.ok) return;
      reason = `HTTP ${status}`;
    } catch (e) {
      reason = (e as Error).message;
    }
    const retryable = status === 0 || status === 429 || status >= 500;
    if (!retryable || attempt >= attempts)
      throw new DeliveryError(`the app refused batch ${group}: ${reason}`, {
        where: `webhook ${new URL(url).origin} group ${group}`,
        retryable,
        hint: 'groups acknowledged before this one are recorded; re-run `learnflow deliver --target webhook`',
      });
    await new Promise((r) => setTimeout(r, wait * (0.5 + Math.random())));
    wait *= 2;
  }
}

export async function deliverToWebhook(o: WebhookSinkOptions): Promise<Record<string, ObjectCounts>> {
  const log = o.logger.child('deliver:webhook');
  o.logger.addSecret(o.secret);
  const url = endpoint(o.url);
  const state = new LakehouseDeliveredState(o.lakehouse, 'webhook');
  await state.ensure();
  const { resources } = await readLearnDocuments(o.lakehouse, o.martsSchema);
  const published = resources.filter((r) => r.published);
  const build = new Map<string, KeyHash & { doc: ResourceDocument }>();
  for (const r of published)
    build.set(String(r.id), { hash: documentHash(r.doc), part: groupKey(r), doc: r });
  const delivered = await state.load(STATE_OBJECT);
  const diff = diffRows(build, delivered);
  checkMassDelete(resourceLosses(build, delivered), {
    maxShare: o.maxDeleteShare,
    allowMassDelete: o.allowMassDelete,
    where: `webhook ${new URL(url).origin}`,
  });

  const counts: Record<string, ObjectCounts> = {};
  const groupOf = (g: string) => (counts[g] ??= emptyCounts());
  const changed = new Set<string>();
  for (const k of diff.inserted) changed.add(build.get(k)!.part!);
  for (const k of diff.updated) changed.add(build.get(k)!.part!);
  for (const k of diff.removed) changed.add(delivered.get(k)!.part ?? '');
  const members = new Map<string, ResourceDocument[]>();
  for (const r of published) {
    const g = groupKey(r);
    if (!members.has(g)) members.set(g, []);
    members.get(g)!.push(r);
  }
  for (const [g, list] of members) if (!changed.has(g)) groupOf(g).unchanged = list.length;

  for (const g of [...changed].sort()) {
    const list = members.get(g) ?? [];
    const c = groupOf(g);
    const inserted = diff.inserted.filter((k) => build.get(k)!.part === g);
    const updated = diff.updated.filter((k) => build.get(k)!.part === g);
    const removed = diff.removed.filter((k) => (delivered.get(k)!.part ?? '') === g);
    if (list.length) {
      const body = JSON.stringify({ resources: list.map((r) => ({ ...r.doc, published: true })) });
      await post(o, url, body, g);
      crashPoint(`webhook:after-post:${g}`, o.env);
    } else log.warn(`every resource of ${g} was removed; the app keeps them until its own pruning runs`);
    await state.apply(
      STATE_OBJECT,
      [...inserted, ...updated].map((k) => ({ key: k, hash: build.get(k)!.hash, part: g })),
      removed,
    );
    c.inserted = inserted.length;
    c.updated = updated.length;
    c.unpublished = removed.length;
    c.unchanged = list.length - inserted.length - updated.length;
    log.info(`${g}: sent ${list.length} resources`, {
      inserted: c.inserted,
      updated: c.updated,
      removed: c.unpublished,
    });
  }
  return counts;
}
