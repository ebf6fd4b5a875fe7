import { Checkpoint, Stream, type ReadContext, type StreamItem } from '../../../cdk';
import schema from '../../schemas/content_file.json';
import { olxIds } from '../archive/olx-ids';
import { CorruptArchiveError, readTarGz, type ArchiveFile } from '../archive/read-tar-gz';
import { cursorValue, extensionOf, type ContentFileRecord } from '../content-file-record';
import { mimeTypeOf, TEXT_FILE_TYPES } from '../extract/builtin-extractors';
import type { ContentExtractor } from '../extract/content-extractor';
import { mapConcurrent } from '../map-concurrent';
import { ObjectNotFoundError, type ObjectStore, type StoredObject } from '../storage/object-store';

/** What the state remembers of one course run: the archive it came from and each file's md5. */
export interface RunMemory {
  archive_key: string;
  archive_checksum: string;
  files: Record<string, string>;
}

export interface ArchiveState {
  [k: string]: unknown;
  source_last_modified?: string;
  runs?: Record<string, RunMemory>;
}

export interface ArchiveStreamOptions {
  store: ObjectStore;
  prefix: string;
  maxFileBytes: number;
  concurrency: number;
  extractor: () => ContentExtractor;
}

const ARCHIVE = /\.(tar\.gz|tgz)$/i;

/**
 * The course an archive belongs to: its name when that is a course id (`course-v1:ORG+COURSE+RUN.tar.gz`,
 * edX's export name), else its folder (`<course id>/<timestamp>.tar.gz`).
 */
export function archiveCourse(key: string): string {
  const parts = key.split('/');
  const base = parts[parts.length - 1].replace(ARCHIVE, '');
  if (/^course-v1:|\+/.test(base) || parts.length < 2) return base;
  return parts[parts.length - 2];
}

/** Only the newest archive (by last modified, then key) of each course, as MIT Learn does. */
export function newestPerCourse(objects: StoredObject[]): { newest: StoredObject[]; older: number } {
  const best = new Map<string, StoredObject>();
  for (const o of objects) {
    const course = archiveCourse(o.key);
    const cur = best.get(course);
    if (!cur || o.lastModified > cur.lastModified || (o.lastModified === cur.lastModified && o.key > cur.key))
      best.set(course, o);
  }
  const newest = objects.filter((o) => best.get(archiveCourse(o.key)) === o);
  return { newest, older: objects.length - newest.length };
}

/** A content file of an OLX export: a text type, not under a `draft` folder, not macOS metadata. */
export function isContentFile(path: string): boolean {
  const parts = path.split('/');
  if (parts.includes('draft') || parts[parts.length - 1].startsWith('._')) return false;
  return TEXT_FILE_TYPES.includes(extensionOf(path));
}

/**
 * One record per content file of the OLX course exports (`*.tar.gz`) in a bucket or folder.
 *
 * Incremental: the state remembers, per course run, the archive key and checksum (ETag or md5) and
 * every file's md5. An archive whose key and checksum are unchanged is not downloaded. In a changed
 * archive, files whose md5 is unchanged are not extracted again and not emitted (the destination keeps
 * their text); new and changed files are; files that disappeared are emitted with `deleted: true`.
 * The state holds ~50 bytes a file, never text. A corrupt archive fails alone: it is logged and counted,
 * nothing of it is emitted, and it is retried next time.
 */
export class CourseArchiveFiles extends Stream<ArchiveState> {
  readonly name = 'course_archive_files';
  readonly jsonSchema = schema as Record<string, unknown>;
  readonly primaryKey = [['key']];
  readonly cursorField = ['source_last_modified'];

  constructor(private readonly options: ArchiveStreamOptions) {
    super();
  }

  async *readRecords(ctx: ReadContext<ArchiveState>): AsyncIterable<StreamItem> {
    const { store, prefix, maxFileBytes } = this.options;
    const incremental = ctx.syncMode === 'incremental';
    const previous = incremental ? (ctx.state?.runs ?? {}) : {};
    const runs: Record<string, RunMemory> = { ...previous };
    // With its memory of archives and files, the state knows what is new whatever its timestamp says.
    const floor = incremental && ctx.state?.runs ? ctx.state.source_last_modified : undefined;
    const listed = (await store.list(prefix)).filter((o) => ARCHIVE.test(o.key));
    const { newest: archives, older } = newestPerCourse(listed);
    if (older)
      ctx.logger.info(`course archives: ${older} older archive(s) of a course with a newer one skipped`);
    const counts = { archives: listed.length, unchanged: 0, corrupt: 0, files: 0, reused: 0, noText: 0 };
    const extractor = this.options.extractor();
    try {
      for (const obj of archives) {
        if (
          Object.values(previous).some((r) => r.archive_key === obj.key && r.archive_checksum === obj.etag)
        ) {
          counts.unchanged++;
          ctx.logger.debug(`archive ${obj.key}: unchanged (checksum ${obj.etag}), skipped`);
          continue;
        }
        let files: ArchiveFile[];
        try {
          files = await readTarGz(await store.get(obj.key), isContentFile, maxFileBytes);
        } catch (e) {
          if (!(e instanceof CorruptArchiveError || e instanceof ObjectNotFoundError)) throw e;
          counts.corrupt++;
          ctx.logger.warn(`archive ${obj.key} failed and was skipped: ${e.message}`);
          continue;
        }
        const ids = olxIds(files, obj.key);
        const before = runs[ids.runId]?.files ?? {};
        const memory: Record<string, string> = {};
        const base = {
          source: 'olx_archive' as const,
          course_id: ids.courseId,
          run_id: ids.runId,
          archive_key: obj.key,
          archive_checksum: obj.etag,
          content_type: 'file',
          deleted: false,
          source_last_modified: cursorValue(obj.lastModified, floor),
          metadata: null,
        };
        const records = await mapConcurrent(files, this.options.concurrency, async (f) => {
          if (before[f.path] === f.md5) {
            counts.reused++;
            memory[f.path] = f.md5;
            return undefined;
          }
          const ext = extensionOf(f.path);
          const common = {
            ...base,
            key: `${ids.runId}/${f.path}`,
            source_path: f.path,
            file_type: ext,
            mime_type: mimeTypeOf(ext),
            checksum: f.md5,
            size: f.size,
          };
          if (!f.bytes) {
            memory[f.path] = f.md5;
            counts.noText++;
            return {
              ...common,
              title: null,
              text: null,
              text_source: null,
              skipped_reason: `too_large: ${f.size} bytes, over the ${maxFileBytes}-byte limit`,
            } satisfies ContentFileRecord;
          }
          const r = await extractor.extract(ext, f.bytes, `${obj.key}:${f.path}`);
          if (r.final) memory[f.path] = f.md5;
          if (r.text === null) counts.noText++;
          return {
            ...common,
            title: r.title,
            text: r.text,
            text_source: r.text_source,
            skipped_reason: r.skipped_reason,
          } satisfies ContentFileRecord;
        });
        for (const rec of records) {
          if (!rec) continue;
          counts.files++;
          if (rec.skipped_reason) ctx.logger.info(`${rec.key}: no text (${rec.skipped_reason})`);
          yield rec;
        }
        for (const gone of Object.keys(before).filter(
          (p) => !(p in memory) && !files.some((f) => f.path === p),
        )) {
          const ext = extensionOf(gone);
          yield {
            ...base,
            key: `${ids.runId}/${gone}`,
            source_path: gone,
            title: null,
            file_type: ext,
            mime_type: mimeTypeOf(ext),
            checksum: null,
            size: null,
            text: null,
            text_source: null,
            skipped_reason: null,
            deleted: true,
          } satisfies ContentFileRecord;
        }
        runs[ids.runId] = { archive_key: obj.key, archive_checksum: obj.etag, files: memory };
        yield new Checkpoint({ runs: { ...runs } });
      }
    } finally {
      await extractor.close();
    }
    ctx.logger.info(
      `course archives: ${counts.archives} listed, ${counts.unchanged} unchanged, ${counts.corrupt} failed; ` +
        `${counts.files} file record(s), ${counts.reused} unchanged file(s) reused, ${counts.noText} without text`,
    );
    if (!archives.length) yield new Checkpoint({ runs });
  }
}
