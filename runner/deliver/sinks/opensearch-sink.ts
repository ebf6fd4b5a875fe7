/**
 * The OpenSearch target: one index per resource type (mappings from shared-schema) behind the alias
 * `<prefix>_<type>_default`. Document ids come from keys, writes carry the delivery id as an external
 * version (`external_gte`, so replays are harmless). Only changed documents are written; removed ones are
 * deleted; the delivered state (in the lakehouse) advances per acknowledged item. `--rebuild` or a changed
 * mapping builds a new backing index, swaps the alias in one atomic `_aliases` call, then deletes the old
 * index. Content files are child documents of their course or program (join field, routed to the parent).
 */
import { createHash, randomBytes } from 'node:crypto';
import { Client } from '@opensearch-project/opensearch';
import {
  LEARN_INDEX_NAMES,
  LEARN_INDEX_RESOURCE_TYPES,
  learnIndexDefinition,
  type LearnIndexName,
} from '../../../shared-schema';
import type { Logger } from '../../common/logger';
import type { LakehouseConnection } from '../../lakehouse/lakehouse-connection';
import { crashPoint } from '../crash-point';
import { DeliveryError } from '../delivery-error';
import { emptyCounts, type ObjectCounts } from '../delivery-report';
import { LakehouseDeliveredState, type StateWrite } from '../lakehouse-delivered-state';
import { documentHash, fitToMapping, readLearnDocuments, type LearnDocuments } from '../learn-documents';
import type { KeyHash } from '../mart-tables';
import { checkMassDelete, resourceLosses } from '../mass-delete-guard';
import { diffRows, type DeliveredRow } from '../row-diff';
import { writeBulk, type BulkOp } from './opensearch-bulk';

export interface OpenSearchSinkOptions {
  url: string;
  indexPrefix: string;
  replicas?: number;
  shards?: number;
  rebuild: boolean;
  /** The external version of every write: the delivery id (increases run after run). */
  version: number;
  lakehouse: LakehouseConnection;
  martsSchema: string;
  logger: Logger;
  allowMassDelete: boolean;
  maxDeleteShare: number;
  env?: NodeJS.ProcessEnv;
  maxBulkBytes?: number;
  attempts?: number;
  backoffMs?: number;
}

interface BuiltDoc extends KeyHash {
  routing?: string;
  source: Record<string, unknown>;
}

function statusOf(e: unknown): number | undefined {
  return (e as { meta?: { statusCode?: number } }).meta?.statusCode;
}

/** The documents of one index from the build: resources by id, content files as `cf_<id>` children. */
function buildIndexDocs(name: LearnIndexName, docs: LearnDocuments, properties: Record<string, any>) {
  const type = LEARN_INDEX_RESOURCE_TYPES[name];
  const join = properties.resource_relations?.type === 'join';
  const out = new Map<string, BuiltDoc>();
  for (const r of docs.resources) {
    if (r.resourceType !== type || !r.published) continue;
    const source = fitToMapping(r.doc, properties) as Record<string, unknown>;
    if (join) source.resource_relations = { name: 'resource' };
    out.set(String(r.id), { hash: documentHash(source), part: r.etlSource, source });
  }
  if (join)
    for (const f of docs.contentFiles) {
      if (f.resourceType !== type || !f.published || !out.has(String(f.resourceId))) continue;
      const source = fitToMapping(f.doc, properties) as Record<string, unknown>;
      source.resource_relations = { name: 'content_file', parent: String(f.resourceId) };
      const routing = String(f.resourceId);
      out.set(`cf_${f.id}`, { hash: documentHash(source), part: routing, routing, source });
    }
  return out;
}

async function currentIndex(client: Client, alias: string): Promise<string | undefined> {
  try {
    const res = await client.indices.getAlias({ name: alias });
    return Object.keys(res.body as Record<string, unknown>)[0];
  } catch (e) {
    if (statusOf(e) === 404) return undefined;
    throw e;
  }
}

async function existingIndexes(client: Client, pattern: string): Promise<string[]> {
  try {
    const res = await client.indices.get({ index: pattern });
    return Object.keys(res.body as Record<string, unknown>);
  } catch (e) {
    if (statusOf(e) === 404) return [];
    throw e;
  }
}

export async function deliverToOpenSearch(o: OpenSearchSinkOptions): Promise<Record<string, ObjectCounts>> {
  const log = o.logger.child('deliver:opensearch');
  const client = new Client({ node: o.url, maxRetries: 0, requestTimeout: 60000 });
  const where = (index?: string) => `opensearch ${new URL(o.url).host}${index ? ` index ${index}` : ''}`;
  const state = new LakehouseDeliveredState(o.lakehouse, 'opensearch');
  await state.ensure();
  const docs = await readLearnDocuments(o.lakehouse, o.martsSchema);
  const counts: Record<string, ObjectCounts> = {};
  try {
    // Plan every index first, so the guard sees the whole delivery before anything is written.
    const plans = [];
    for (const name of LEARN_INDEX_NAMES) {
      const def = learnIndexDefinition(name, { replicas: o.replicas, shards: o.shards });
      const built = buildIndexDocs(name, docs, def.mappings.properties);
      const object = `index:${name}`;
      const delivered = await state.load(object);
      plans.push({ name, def, built, object, delivered });
    }
    const resourceBuild = new Map<string, KeyHash>();
    const resourceDelivered = new Map<string, DeliveredRow>();
    for (const p of plans) {
      for (const [k, d] of p.built) if (!k.startsWith('cf_')) resourceBuild.set(`${p.name}/${k}`, d);
      for (const [k, d] of p.delivered) if (!k.startsWith('cf_')) resourceDelivered.set(`${p.name}/${k}`, d);
    }
    checkMassDelete(resourceLosses(resourceBuild, resourceDelivered), {
      maxShare: o.maxDeleteShare,
      allowMassDelete: o.allowMassDelete,
      where: where(),
    });

    for (const p of plans) {
      const alias = `${o.indexPrefix}_${p.name}_default`;
      const mappingHash = createHash('md5').update(JSON.stringify(p.def)).digest('hex').slice(0, 8);
      const live = await currentIndex(client, alias);
      // No delivered state for a live index (a new lakehouse): rebuild, so nothing it holds is orphaned.
      const rebuild = o.rebuild || !live || !live.includes(`_${mappingHash}_`) || !p.delivered.size;
      // Leftovers of an interrupted rebuild (before or after its swap) are never the alias's index.
      const ours = new RegExp(`^${o.indexPrefix}_${p.name}_[0-9a-f]{8}_[0-9a-f]{8}$`);
      for (const stale of await existingIndexes(client, `${o.indexPrefix}_${p.name}_*`))
        if (stale !== live && ours.test(stale)) await client.indices.delete({ index: stale });
      if (!rebuild && !p.built.size && !p.delivered.size) continue;
      if (rebuild && !p.built.size && (!live || !o.rebuild)) continue;
      const c = (counts[alias] = emptyCounts());
      if (!rebuild) {
        const diff = diffRows(p.built, p.delivered);
        c.unchanged = diff.unchanged;
        const ops: BulkOp[] = [];
        for (const k of [...diff.inserted, ...diff.updated]) {
          const d = p.built.get(k)!;
          ops.push({
            action: 'index',
            index: live!,
            id: k,
            routing: d.routing,
            version: o.version,
            source: d.source,
          });
        }
        for (const k of diff.removed) {
          const routing = k.startsWith('cf_') ? (p.delivered.get(k)!.part ?? undefined) : undefined;
          ops.push({ action: 'delete', index: live!, id: k, routing, version: o.version });
        }
        const inserted = new Set(diff.inserted);
        await writeBulk(ops, {
          client,
          maxBytes: o.maxBulkBytes,
          attempts: o.attempts,
          backoffMs: o.backoffMs,
          where: where(live),
          onAcknowledged: async (acked) => {
            const written: StateWrite[] = [];
            const removed: string[] = [];
            for (const op of acked) {
              if (op.action === 'delete') {
                removed.push(op.id);
                c.deleted++;
              } else {
                const d = p.built.get(op.id)!;
                written.push({ key: op.id, hash: d.hash, part: d.part });
                if (inserted.has(op.id)) c.inserted++;
                else c.updated++;
              }
            }
            await state.apply(p.object, written, removed);
            crashPoint(`opensearch:after-bulk:${p.name}`, o.env);
          },
        });
        continue;
      }

      // A new backing index: load it, swap the alias, drop the old one.
      const index = `${o.indexPrefix}_${p.name}_${mappingHash}_${randomBytes(4).toString('hex')}`;
      // No refreshes while loading; the mapping's own interval is restored before the swap.
      const loading = JSON.parse(JSON.stringify(p.def)) as typeof p.def;
      loading.settings.refresh_interval = '-1';
      await client.indices.create({ index, body: loading as never });
      const ops: BulkOp[] = [...p.built].map(([k, d]) => ({
        action: 'index',
        index,
        id: k,
        routing: d.routing,
        version: o.version,
        source: d.source,
      }));
      await writeBulk(ops, {
        client,
        maxBytes: o.maxBulkBytes,
        attempts: o.attempts,
        backoffMs: o.backoffMs,
        where: where(index),
        onAcknowledged: async () => crashPoint(`opensearch:rebuild-bulk:${p.name}`, o.env),
      });
      await client.indices.putSettings({
        index,
        body: { index: { refresh_interval: p.def.settings.refresh_interval ?? '1s' } } as never,
      });
      await client.indices.refresh({ index });
      const actions: Record<string, unknown>[] = [];
      if (live) actions.push({ remove: { index: live, alias } });
      actions.push({ add: { index, alias } });
      await client.indices.updateAliases({ body: { actions } as never });
      crashPoint(`opensearch:after-swap:${p.name}`, o.env);
      if (live) await client.indices.delete({ index: live });
      await state.apply(
        p.object,
        [...p.built].map(([k, d]) => ({ key: k, hash: d.hash, part: d.part })),
        [],
        true,
      );
      const diff = diffRows(p.built, p.delivered);
      c.inserted = diff.inserted.length + diff.updated.length + diff.unchanged;
      c.deleted = diff.removed.length;
      log.info(`${alias}: rebuilt as ${index}`, { documents: p.built.size, previous: live ?? null });
    }
    return counts;
  } catch (e) {
    if (e instanceof DeliveryError) throw e;
    throw new DeliveryError(`delivery failed: ${(e as Error).message}`, {
      where: where(),
      retryable: true,
      hint: 're-run `learnflow deliver --target opensearch`; acknowledged documents are not sent again',
      cause: e,
    });
  } finally {
    await client.close();
  }
}
