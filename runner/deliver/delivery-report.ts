/** What a delivery wrote: per table (PostgreSQL), index (OpenSearch) or group (webhook). */
export interface ObjectCounts {
  inserted: number;
  updated: number;
  deleted: number;
  unpublished: number;
  unchanged: number;
}

export interface DeliveryReport {
  deliveryId: number;
  target: 'postgres' | 'opensearch' | 'webhook';
  status: 'succeeded' | 'failed';
  startedAt: string;
  endedAt: string;
  objects: Record<string, ObjectCounts>;
  /** Rows or documents written (inserted + updated + deleted + unpublished). */
  written: number;
  error?: string;
}

export function emptyCounts(): ObjectCounts {
  return { inserted: 0, updated: 0, deleted: 0, unpublished: 0, unchanged: 0 };
}

export function totalWritten(objects: Record<string, ObjectCounts>): number {
  let n = 0;
  for (const c of Object.values(objects)) n += c.inserted + c.updated + c.deleted + c.unpublished;
  return n;
}

/** Human lines: one per object that changed, then the total. */
export function formatReport(r: DeliveryReport): string {
  const lines = [`delivery ${r.deliveryId} to ${r.target}: ${r.status}`];
  for (const [name, c] of Object.entries(r.objects)) {
    if (!c.inserted && !c.updated && !c.deleted && !c.unpublished) continue;
    lines.push(
      `  ${name}: ${c.inserted} inserted, ${c.updated} updated, ${c.deleted} deleted` +
        `${c.unpublished ? `, ${c.unpublished} unpublished` : ''}, ${c.unchanged} unchanged`,
    );
  }
  lines.push(`  written: ${r.written}${r.error ? ` — ${r.error}` : ''}`);
  return lines.join('\n');
}
