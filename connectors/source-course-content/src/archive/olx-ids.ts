import type { ArchiveFile } from './read-tar-gz';

export interface OlxIds {
  /** `MITxT+8.01.3x` */
  courseId: string | null;
  /** `course-v1:MITxT+8.01.3x+3T2022` */
  runId: string;
}

function attr(tag: string, name: string): string | undefined {
  const m = new RegExp(`\\b${name}\\s*=\\s*(?:"([^"]*)"|'([^']*)')`).exec(tag);
  return m ? (m[1] ?? m[2]) : undefined;
}

/**
 * The course and run ids of an OLX export: from the root `course.xml` (`<course org course url_name>`),
 * else from the archive's name (`course-v1:ORG+COURSE+RUN.tar.gz`, the name edX exports carry).
 */
export function olxIds(files: ArchiveFile[], archiveKey: string): OlxIds {
  const courseXml = files
    .filter((f) => /(^|\/)course\.xml$/.test(f.path) && f.bytes)
    .sort((a, b) => a.path.split('/').length - b.path.split('/').length)[0];
  const tag = courseXml
    ? /<course\b[^>]*>/.exec((courseXml.bytes as Buffer).toString('utf8'))?.[0]
    : undefined;
  if (tag) {
    const org = attr(tag, 'org');
    const course = attr(tag, 'course');
    const run = attr(tag, 'url_name');
    if (org && course && run)
      return { courseId: `${org}+${course}`, runId: `course-v1:${org}+${course}+${run}` };
  }
  const base = archiveKey.slice(archiveKey.lastIndexOf('/') + 1).replace(/\.tar\.gz$|\.tgz$/i, '');
  const m = /^course-v1:([^+]+)\+([^+]+)\+(.+)$/.exec(base);
  return { courseId: m ? `${m[1]}+${m[2]}` : null, runId: base };
}
