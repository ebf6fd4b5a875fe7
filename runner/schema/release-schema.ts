import fs from 'node:fs';
import path from 'node:path';
import { LearnflowError } from '../common/errors';
import type { SchemaSet } from './schema-model';
import { compareSemver, parseSemver } from './semver';

/** The directory that keeps released snapshots: `<schema dir>/released/<version>/`. */
export function releasedDir(set: SchemaSet): string {
  return path.join(set.dir, 'released');
}

/** Released versions under `released/`, oldest first. */
export function releasedVersions(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir)
    .filter((v) => parseSemver(v) && fs.existsSync(path.join(dir, v, 'schema.json')))
    .sort((a, b) => compareSemver(parseSemver(a)!, parseSemver(b)!));
}

function snapshotFiles(set: SchemaSet): Map<string, string> {
  const files = new Map<string, string>();
  files.set('schema.json', fs.readFileSync(path.join(set.dir, 'schema.json'), 'utf8'));
  for (const e of set.entities) files.set(e.file, fs.readFileSync(path.join(set.dir, e.file), 'utf8'));
  return files;
}

/**
 * Copy schema.json and the entity schemas to `released/<version>/`, the snapshot CI compares the working
 * schema against. Refuses to change an existing snapshot of the same version.
 */
export function releaseSchema(set: SchemaSet): { dir: string; created: boolean } {
  const dir = path.join(releasedDir(set), set.version);
  const files = snapshotFiles(set);
  if (fs.existsSync(dir)) {
    for (const [rel, content] of files) {
      const abs = path.join(dir, rel);
      if (!fs.existsSync(abs) || fs.readFileSync(abs, 'utf8') !== content) {
        throw new LearnflowError(
          `version ${set.version} is already released with different content (${rel})`,
          {
            where: dir,
            hint: 'bump the version in shared-schema/schema.json (learnflow schema diff tells you which part)',
          },
        );
      }
    }
    return { dir, created: false };
  }
  for (const [rel, content] of files) {
    fs.mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
    fs.writeFileSync(path.join(dir, rel), content);
  }
  return { dir, created: true };
}
