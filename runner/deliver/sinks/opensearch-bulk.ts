/**
 * Bulk writes to OpenSearch that lose nothing: NDJSON bodies of bounded size, every item's result checked,
 * 429 and 5xx items (and failed requests) retried with exponential backoff and jitter, delete-404 and
 * external-version conflicts counted as acknowledged. Acknowledged items are reported after each request,
 * so the caller can advance its delivered state only for them. (The client's bulk helper is not used: it
 * drops non-429 failures silently.)
 */
import type { Client } from '@opensearch-project/opensearch';
import { DeliveryError } from '../delivery-error';

export interface BulkOp {
  action: 'index' | 'delete';
  index: string;
  id: string;
  routing?: string;
  version: number;
  source?: Record<string, unknown>;
}

export interface BulkOptions {
  client: Client;
  /** Upper bound of one request body in bytes (default 10 MB). */
  maxBytes?: number;
  /** Upper bound of operations per request (default 5000). */
  maxOps?: number;
  attempts?: number;
  backoffMs?: number;
  where: string;
  /** Called after each request with the operations it acknowledged. */
  onAcknowledged: (ops: BulkOp[]) => Promise<void>;
}

export const DEFAULT_MAX_BULK_BYTES = 10 * 1024 * 1024;

function serialize(op: BulkOp): string {
  const meta: Record<string, unknown> = {
    _index: op.index,
    _id: op.id,
    version: op.version,
    version_type: 'external_gte',
  };
  if (op.routing !== undefined) meta.routing = op.routing;
  const head = JSON.stringify({ [op.action]: meta }) + '\n';
  return op.action === 'delete' ? head : head + JSON.stringify(op.source ?? {}) + '\n';
}

/** Split operations into request bodies no larger than maxBytes (one oversized op travels alone). */
export function chunkOps(ops: BulkOp[], maxBytes: number, maxOps: number): { ops: BulkOp[]; body: string }[] {
  const out: { ops: BulkOp[]; body: string }[] = [];
  let cur: BulkOp[] = [];
  let parts: string[] = [];
  let size = 0;
  for (const op of ops) {
    const line = serialize(op);
    const n = Buffer.byteLength(line);
    if (cur.length && (size + n > maxBytes || cur.length >= maxOps)) {
      out.push({ ops: cur, body: parts.join('') });
      cur = [];
      parts = [];
      size = 0;
    }
    cur.push(op);
    parts.push(line);
    size += n;
  }
  if (cur.length) out.push({ ops: cur, body: parts.join('') });
  return out;
}

interface ItemResult {
  status: number;
  error?: { type?: string; reason?: string };
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Write every operation; throws a DeliveryError naming the failed items once retries are exhausted. */
export async function writeBulk(ops: BulkOp[], o: BulkOptions): Promise<void> {
  const attempts = o.attempts ?? 5;
  const permanent: string[] = [];
  for (const chunk of chunkOps(ops, o.maxBytes ?? DEFAULT_MAX_BULK_BYTES, o.maxOps ?? 5000)) {
    let pending = chunk.ops;
    let body = chunk.body;
    let wait = o.backoffMs ?? 100;
    for (let attempt = 1; pending.length; attempt++) {
      let items: ItemResult[] | undefined;
      let requestError = '';
      try {
        const res = await o.client.bulk({ body } as never);
        const raw = (res.body as { items?: Record<string, ItemResult>[] }).items ?? [];
        items = raw.map((it) => Object.values(it)[0]!);
        if (items.length !== pending.length)
          requestError = `${items.length} results for ${pending.length} items`;
      } catch (e) {
        const status = (e as { meta?: { statusCode?: number } }).meta?.statusCode;
        if (status !== undefined && status !== 429 && status < 500)
          throw new DeliveryError(`bulk request refused (HTTP ${status}): ${(e as Error).message}`, {
            where: o.where,
            cause: e,
          });
        requestError = (e as Error).message;
      }
      const acked: BulkOp[] = [];
      const retry: BulkOp[] = [];
      if (requestError || !items) retry.push(...pending);
      else
        pending.forEach((op, i) => {
          const it = items![i]!;
          const s = it.status;
          if (s < 300 || (op.action === 'delete' && s === 404)) acked.push(op);
          else if (s === 409 && it.error?.type === 'version_conflict_engine_exception') acked.push(op);
          else if (s === 429 || s >= 500) retry.push(op);
          else
            permanent.push(`${op.action} ${op.id}: ${it.error?.type ?? s} ${it.error?.reason ?? ''}`.trim());
        });
      if (acked.length) await o.onAcknowledged(acked);
      if (!retry.length) break;
      if (attempt >= attempts)
        throw new DeliveryError(
          `${retry.length} bulk items still rejected after ${attempts} attempts${requestError ? ` (${requestError})` : ''}`,
          {
            where: o.where,
            retryable: true,
            hint: 'acknowledged documents are recorded; re-run `learnflow deliver --target opensearch` to send the rest',
          },
        );
      await sleep(wait * (0.5 + Math.random()));
      wait *= 2;
      pending = retry;
      body = pending.map(serialize).join('');
    }
  }
  if (permanent.length)
    throw new DeliveryError(
      `${permanent.length} documents were refused: ${permanent.slice(0, 5).join('; ')}${permanent.length > 5 ? '; ...' : ''}`,
      {
        where: o.where,
        hint: 'fix the documents (mapping errors are not retried) and re-run learnflow deliver',
      },
    );
}
