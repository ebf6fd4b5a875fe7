/** One content file, as both streams emit it (the shape of `schemas/content_file.json`). */
export interface ContentFileRecord {
  [field: string]: unknown;
  /** Unique per content file: `<run_id>/<path in the archive>`, or the OCW page/resource path. */
  key: string;
  source: 'olx_archive' | 'ocw';
  course_id: string | null;
  run_id: string | null;
  archive_key: string | null;
  archive_checksum: string | null;
  /** The file's path inside the archive, or its key in the bucket. */
  source_path: string | null;
  title: string | null;
  /** The extension, lower case with the dot (`.html`); null for OCW pages. */
  file_type: string | null;
  mime_type: string | null;
  /** MIT Learn's content type: `file`, `page`, `pdf`, `video`. */
  content_type: string;
  /** md5 of the file's bytes. */
  checksum: string | null;
  size: number | null;
  text: string | null;
  text_source: 'tika' | 'builtin' | 'data.json' | null;
  /** Why there is no text: too large, no extractor, extraction or Tika failed, file missing. */
  skipped_reason: string | null;
  /** True for a file that was in the previous sync and is gone now (incremental syncs only). */
  deleted: boolean;
  /** When the archive or the OCW object last changed (ISO 8601): the incremental cursor. */
  source_last_modified: string;
  /** OCW: the page's or resource's `data.json` as published; null for archive files. */
  metadata: Record<string, unknown> | null;
}

/** The extension of a path, lower case with the dot, or ''. */
export function extensionOf(p: string): string {
  const base = p.slice(p.lastIndexOf('/') + 1);
  const dot = base.lastIndexOf('.');
  return dot > 0 ? base.slice(dot).toLowerCase() : '';
}

/**
 * The cursor value of a changed file: its own last-modified time, or the cursor in force when the file
 * carries an older time (a file copied with its old mtime). When the state remembers what was read
 * (archives and md5s, OCW etags), a change it finds is then never dropped as "older than the cursor";
 * a state that holds only a cursor keeps plain cursor semantics.
 */
export function cursorValue(lastModified: string, floor: unknown): string {
  return typeof floor === 'string' && lastModified < floor ? floor : lastModified;
}
