import crypto from 'node:crypto';
import { Checkpoint, Stream, SystemError, type ReadContext, type StreamItem } from '../../../cdk';
import schema from '../../schemas/content_file.json';
import { cursorValue, extensionOf, type ContentFileRecord } from '../content-file-record';
import { mimeTypeOf } from '../extract/builtin-extractors';
import type { ContentExtractor } from '../extract/content-extractor';
import { ObjectNotFoundError, type ObjectStore, type StoredObject } from '../storage/object-store';

export interface OcwState {
  [k: string]: unknown;
  source_last_modified?: string;
  /** Per page/resource key: the etags of its data.json and of its file, as last read. */
  resources?: Record<string, string>;
}

export interface OcwStreamOptions {
  store: ObjectStore;
  prefix: string;
  maxFileBytes: number;
  extractor: () => ContentExtractor;
}

/** OCW's placeholder resources that carry no content of their own. */
const SKIPPED_TITLES = new Set(['3play caption file', '3play pdf file']);

/** The bucket key a resource's `file` names: a URL's path (decoded), or a key as is. */
export function fileKeyOf(file: string): string {
  if (/^https?:\/\//i.test(file)) return decodeURIComponent(new URL(file).pathname).replace(/^\/+/, '');
  return file.replace(/^\/+/, '');
}

/** MIT Learn's content type for an OCW resource. */
function contentTypeOf(resource: Record<string, unknown>): string {
  if (resource.resourcetype === 'Video') return 'video';
  const ft = String(resource.file_type ?? '');
  if (ft.startsWith('video/')) return 'video';
  return ft === 'application/pdf' ? 'pdf' : 'file';
}

/**
 * One record per OCW page and resource file: for every course (`<prefix><slug>/data.json`), its
 * `pages/` data.json files (text: the page's content, no extraction) and `resources/` ones (text:
 * the file the resource names, or a video's transcript file, extracted). The "3play" placeholders and
 * resources without a file are skipped, as MIT Learn does. `metadata` is the data.json as published.
 *
 * Incremental: the state remembers the etags of each page's or resource's data.json and file; when
 * both are unchanged it is not read again and not emitted. Ones that disappeared are emitted with
 * `deleted: true`.
 */
export class OcwContentFiles extends Stream<OcwState> {
  readonly name = 'ocw_content_files';
  readonly jsonSchema = schema as Record<string, unknown>;
  readonly primaryKey = [['key']];
  readonly cursorField = ['source_last_modified'];

  constructor(private readonly options: OcwStreamOptions) {
    super();
  }

  private async json(key: string): Promise<Record<string, unknown>> {
    const bytes = await this.options.store.get(key);
    try {
      const v = JSON.parse(bytes.toString('utf8')) as unknown;
      if (v && typeof v === 'object' && !Array.isArray(v)) return v as Record<string, unknown>;
    } catch (_e) {
      // reported below
    }
    throw new SystemError(`${key} is not a JSON object`, { where: this.options.store.location });
  }

  async *readRecords(ctx: ReadContext<OcwState>): AsyncIterable<StreamItem> {
    const { store, prefix, maxFileBytes } = this.options;
    const previous = ctx.syncMode === 'incremental' ? (ctx.state?.resources ?? {}) : {};
    const seen: Record<string, string> = {};
    const remembered: Record<string, string> = { ...previous };
    const objects = await store.list(prefix);
    const byKey = new Map(objects.map((o) => [o.key, o] as const));
    const courses = objects.filter(
      (o) => o.key.slice(prefix.length).split('/').length === 2 && o.key.endsWith('/data.json'),
    );
    const extractor = this.options.extractor();
    let emitted = 0;
    // Deleted markers carry the cursor in force (or the newest listed time) so that they pass the cursor.
    const deletedAt =
      [ctx.state?.source_last_modified ?? '', ...objects.map((o) => o.lastModified)].sort().pop() ||
      new Date(0).toISOString();
    try {
      for (const courseObj of courses) {
        const root = courseObj.key.slice(0, -'data.json'.length);
        const slug = root.slice(prefix.length).replace(/\/$/, '');
        const course = await this.json(courseObj.key);
        const uid = String(course.legacy_uid || course.site_uid || '');
        const runId = uid ? uid.replace(/-/g, '') : null;
        const parts = objects.filter(
          (o) =>
            o.key.endsWith('/data.json') &&
            (o.key.startsWith(`${root}pages/`) || o.key.startsWith(`${root}resources/`)),
        );
        for (const part of parts) {
          const key = part.key.slice(0, -'/data.json'.length);
          const data = await this.json(part.key);
          const isPage = part.key.startsWith(`${root}pages/`);
          const videoFiles = (data.video_files ?? {}) as Record<string, unknown>;
          const fileRef = isPage
            ? ''
            : String((data.resourcetype === 'Video' ? videoFiles.video_transcript_file : data.file) || '');
          if (!isPage && (SKIPPED_TITLES.has(String(data.title ?? '').toLowerCase()) || !fileRef)) {
            ctx.logger.debug(`${key}: skipped (${fileRef ? 'a 3play placeholder' : 'no file'})`);
            continue;
          }
          const fileKey = fileRef ? fileKeyOf(fileRef) : '';
          const fileObj: StoredObject | undefined = fileKey ? byKey.get(fileKey) : undefined;
          const version = `${part.etag}|${fileObj?.etag ?? ''}`;
          seen[key] = version;
          if (previous[key] === version) continue;
          const lastModified = cursorValue(
            [part.lastModified, fileObj?.lastModified ?? ''].sort().pop() as string,
            ctx.syncMode === 'incremental' && ctx.state?.resources
              ? ctx.state.source_last_modified
              : undefined,
          );
          const base = {
            key,
            source: 'ocw' as const,
            course_id: slug,
            run_id: runId,
            archive_key: null,
            archive_checksum: null,
            deleted: false,
            source_last_modified: lastModified,
            metadata: data,
          };
          let rec: ContentFileRecord;
          if (isPage) {
            const text = [data.description, data.content]
              .filter((v) => typeof v === 'string' && v.trim())
              .join('\n\n');
            rec = {
              ...base,
              source_path: part.key,
              title: typeof data.title === 'string' ? data.title : null,
              file_type: null,
              mime_type: 'application/json',
              content_type: 'page',
              checksum: crypto.createHash('md5').update(JSON.stringify(data)).digest('hex'),
              size: part.size,
              text,
              text_source: 'data.json',
              skipped_reason: null,
            };
          } else {
            const ext = extensionOf(fileKey);
            const title =
              typeof data.title === 'string' && data.title
                ? data.title
                : fileKey.slice(fileKey.lastIndexOf('/') + 1);
            const fileBase = {
              ...base,
              source_path: fileKey,
              title,
              file_type: ext,
              mime_type:
                typeof data.file_type === 'string' && data.file_type ? data.file_type : mimeTypeOf(ext),
              content_type: contentTypeOf(data),
            };
            let bytes: Buffer | undefined;
            let reason: string | null = null;
            if (!fileObj) reason = `file_not_found: ${fileKey} is not in ${store.location}`;
            else if (fileObj.size > maxFileBytes)
              reason = `too_large: ${fileObj.size} bytes, over the ${maxFileBytes}-byte limit`;
            else {
              try {
                bytes = await store.get(fileKey);
              } catch (e) {
                if (!(e instanceof ObjectNotFoundError)) throw e;
                reason = `file_not_found: ${fileKey} is not in ${store.location}`;
              }
            }
            const checksum = bytes ? crypto.createHash('md5').update(bytes).digest('hex') : null;
            if (!bytes) {
              rec = {
                ...fileBase,
                checksum,
                size: fileObj?.size ?? null,
                text: null,
                text_source: null,
                skipped_reason: reason,
              };
            } else {
              const r = await extractor.extract(ext, bytes, fileKey);
              if (!r.final) delete seen[key];
              rec = {
                ...fileBase,
                title: title || r.title,
                checksum,
                size: bytes.length,
                text: r.text,
                text_source: r.text_source,
                skipped_reason: r.skipped_reason,
              };
            }
          }
          if (rec.skipped_reason) ctx.logger.info(`${rec.key}: no text (${rec.skipped_reason})`);
          emitted++;
          yield rec;
        }
        for (const k of Object.keys(seen)) remembered[k] = seen[k];
        yield new Checkpoint({ resources: { ...remembered } });
      }
      for (const gone of Object.keys(previous).filter((k) => !(k in seen) && k.startsWith(prefix))) {
        const stillListed = byKey.has(`${gone}/data.json`);
        if (stillListed) continue;
        delete remembered[gone];
        yield {
          key: gone,
          source: 'ocw',
          course_id: gone.slice(prefix.length).split('/')[0] || null,
          run_id: null,
          archive_key: null,
          archive_checksum: null,
          source_path: null,
          title: null,
          file_type: null,
          mime_type: null,
          content_type: 'file',
          checksum: null,
          size: null,
          text: null,
          text_source: null,
          skipped_reason: null,
          deleted: true,
          source_last_modified: deletedAt,
          metadata: null,
        } satisfies ContentFileRecord;
      }
    } finally {
      await extractor.close();
    }
    yield new Checkpoint({ resources: { ...remembered } });
    ctx.logger.info(`OCW: ${courses.length} course(s), ${emitted} content file record(s)`);
  }
}
