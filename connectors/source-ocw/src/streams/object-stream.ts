import { Stream, SystemError, compareCursorValues, type ReadContext, type StreamItem } from '../../../cdk';
import type { OcwStore, StoredObject } from '../ocw-store';

export const KEY_FIELD = '_ab_source_file_url';
export const LAST_MODIFIED_FIELD = '_ab_source_file_last_modified';

/**
 * `data.json` objects of each course folder, emitted as they are with two fields added (the Airbyte
 * file-source convention): `_ab_source_file_url`, the object key, and `_ab_source_file_last_modified`,
 * its LastModified. Incremental on the LastModified: objects listed as older than the state are not
 * downloaded at all. Listing order is by key, not by time, so no state is emitted before the stream ends
 * (a read that stops half-way must not move the cursor past objects it never read).
 */
export abstract class ObjectStream extends Stream {
  readonly primaryKey = [[KEY_FIELD]];
  readonly cursorField = [LAST_MODIFIED_FIELD];

  constructor(
    protected readonly store: OcwStore,
    protected readonly prefix: string,
    private readonly concurrency: number,
  ) {
    super();
  }

  /** The objects of one course this stream reads. */
  protected abstract objects(slug: string, ctx: ReadContext): AsyncIterable<StoredObject>;

  async *readRecords(ctx: ReadContext): AsyncIterable<StreamItem> {
    const since = ctx.syncMode === 'incremental' ? ctx.state?.[LAST_MODIFIED_FIELD] : undefined;
    let skipped = 0;
    for await (const slug of this.store.courseSlugs()) {
      const wanted: StoredObject[] = [];
      for await (const o of this.objects(slug, ctx)) {
        if (since !== undefined && o.lastModified && compareCursorValues(o.lastModified, since) < 0)
          skipped++;
        else wanted.push(o);
      }
      for (let i = 0; i < wanted.length; i += this.concurrency) {
        const batch = wanted.slice(i, i + this.concurrency);
        const bodies = await Promise.all(batch.map((o) => this.store.getJson(o.key, ctx.rateLimited)));
        for (let j = 0; j < batch.length; j++) {
          const body = bodies[j];
          if (!body) {
            ctx.logger.warn(`${this.name}: ${batch[j].key} was listed but is gone; skipped`);
            continue;
          }
          if (typeof body.data !== 'object' || body.data === null || Array.isArray(body.data)) {
            throw new SystemError('expected a JSON object', { where: `${this.name}, ${batch[j].key}` });
          }
          yield {
            ...(body.data as Record<string, unknown>),
            [KEY_FIELD]: batch[j].key,
            [LAST_MODIFIED_FIELD]: batch[j].lastModified ?? body.lastModified ?? null,
          };
        }
      }
    }
    if (skipped)
      ctx.logger.info(`${this.name}: ${skipped} object(s) unchanged since the state, not downloaded`);
  }
}

/** The `data.json` objects below `<prefix><slug>/<folder>/`, at any depth. */
export async function* dataJsonBelow(
  store: OcwStore,
  folder: string,
  ctx: ReadContext,
): AsyncIterable<StoredObject> {
  for await (const o of store.list(folder, ctx.rateLimited)) if (o.key.endsWith('/data.json')) yield o;
}
