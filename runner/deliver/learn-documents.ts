/**
 * Learning resources as documents, the shape the app serializes them to (for search and the webhook):
 * one resource with its platform, offeror, topics and runs nested; content files as separate documents.
 */
import { createHash } from 'node:crypto';
import type { LakehouseConnection, Row } from '../lakehouse/lakehouse-connection';
import { listMartTables } from './mart-tables';

export interface ResourceDocument {
  id: number;
  etlSource: string;
  resourceType: string;
  published: boolean;
  doc: Record<string, unknown>;
}

export interface ContentFileDocument {
  id: number;
  resourceId: number;
  resourceType: string;
  published: boolean;
  doc: Record<string, unknown>;
}

export interface LearnDocuments {
  resources: ResourceDocument[];
  contentFiles: ContentFileDocument[];
}

/** md5 of a document's JSON: what change detection compares for document targets. */
export function documentHash(doc: unknown): string {
  return createHash('md5').update(JSON.stringify(doc)).digest('hex');
}

function plainValue(v: unknown): unknown {
  if (v instanceof Date) return v.toISOString();
  if (Array.isArray(v)) return v.map(plainValue);
  return v;
}

function plainRow(r: Row): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(r)) if (v !== null && v !== undefined) out[k] = plainValue(v);
  return out;
}

const CODED = ['delivery', 'pace', 'format'];
const OMIT = new Set(['created_on', 'updated_on', 'platform_id', 'offered_by_id', 'image_id']);

function groupBy(rows: Row[], col: string): Map<number, Row[]> {
  const m = new Map<number, Row[]>();
  for (const r of rows) {
    const k = Number(r[col]);
    if (!m.has(k)) m.set(k, []);
    m.get(k)!.push(r);
  }
  return m;
}

export async function readLearnDocuments(conn: LakehouseConnection, schema: string): Promise<LearnDocuments> {
  const tables = new Set<string>((await listMartTables(conn, schema)).map((t) => t.name));
  const rel = (t: string) => `${conn.quote(schema)}.${conn.quote(t)}`;
  const all = async (t: string, order: string) =>
    tables.has(t) ? conn.query(`SELECT * FROM ${rel(t)} ORDER BY ${order}`) : [];
  const resources = await all('learning_resource', 'id');
  const platforms = new Map((await all('platform', 'code')).map((r) => [String(r.code), r]));
  const offerors = new Map((await all('offeror', 'code')).map((r) => [String(r.code), r]));
  const images = new Map((await all('image', 'id')).map((r) => [Number(r.id), r]));
  const runs = groupBy(
    await all('learning_resource_run', 'learning_resource_id, id'),
    'learning_resource_id',
  );
  const topicRows =
    tables.has('resource_topic') && tables.has('topic')
      ? await conn.query(
          `SELECT rt.learning_resource_id, t.id, t.name FROM ${rel('resource_topic')} rt JOIN ${rel('topic')} t ` +
            'ON t.id = rt.topic_id ORDER BY rt.learning_resource_id, t.name',
        )
      : [];
  const topics = groupBy(topicRows, 'learning_resource_id');
  const coded = (v: unknown) =>
    Array.isArray(v) ? v.map((c) => ({ code: String(c), name: String(c) })) : [];

  const out: LearnDocuments = { resources: [], contentFiles: [] };
  const byId = new Map<number, ResourceDocument>();
  for (const r of resources) {
    const doc: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(plainRow(r))) if (!OMIT.has(k) && !CODED.includes(k)) doc[k] = v;
    for (const k of CODED) if (k in r) doc[k] = coded(r[k]);
    const p = r.platform_id == null ? undefined : platforms.get(String(r.platform_id));
    if (p) doc.platform = { code: p.code, name: p.name };
    const o = r.offered_by_id == null ? undefined : offerors.get(String(r.offered_by_id));
    if (o) doc.offered_by = { code: o.code, name: o.name };
    const img = r.image_id == null ? undefined : images.get(Number(r.image_id));
    if (img) doc.image = plainRow({ url: img.url, description: img.description, alt: img.alt });
    doc.topics = (topics.get(Number(r.id)) ?? []).map((t) => ({ id: Number(t.id), name: t.name }));
    doc.runs = (runs.get(Number(r.id)) ?? []).map((run) => {
      const x: Record<string, unknown> = {};
      for (const [k, v] of Object.entries(plainRow(run)))
        if (!OMIT.has(k) && k !== 'learning_resource_id' && !CODED.includes(k)) x[k] = v;
      return x;
    });
    const rd: ResourceDocument = {
      id: Number(r.id),
      etlSource: String(r.etl_source),
      resourceType: String(r.resource_type),
      published: r.published === true,
      doc,
    };
    byId.set(rd.id, rd);
    out.resources.push(rd);
  }
  if (tables.has('content_file')) {
    const runOwner = new Map<number, number>();
    for (const [rid, list] of runs) for (const run of list) runOwner.set(Number(run.id), rid);
    for (const f of await all('content_file', 'id')) {
      const owner =
        f.learning_resource_id != null
          ? Number(f.learning_resource_id)
          : f.run_id != null
            ? runOwner.get(Number(f.run_id))
            : undefined;
      const parent = owner === undefined ? undefined : byId.get(owner);
      if (!parent) continue;
      const doc: Record<string, unknown> = {};
      for (const [k, v] of Object.entries(plainRow(f)))
        if (!OMIT.has(k) && k !== 'learning_resource_id') doc[k] = v;
      doc.resource_id = parent.id;
      doc.resource_readable_id = parent.doc.readable_id;
      out.contentFiles.push({
        id: Number(f.id),
        resourceId: parent.id,
        resourceType: parent.resourceType,
        published: f.published !== false && parent.published,
        doc,
      });
    }
  }
  return out;
}

/** Keep only the fields a strict mapping knows (recursively through objects and nested fields). */
export function fitToMapping(doc: unknown, properties: Record<string, any>): unknown {
  if (Array.isArray(doc)) return doc.map((d) => fitToMapping(d, properties));
  if (!doc || typeof doc !== 'object') return doc;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(doc as Record<string, unknown>)) {
    const m = properties[k];
    if (!m) continue;
    if (m.properties && v && typeof v === 'object') out[k] = fitToMapping(v, m.properties);
    else if (!m.properties) out[k] = v;
  }
  return out;
}
