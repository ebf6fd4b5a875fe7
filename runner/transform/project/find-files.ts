import fs from 'node:fs';
import path from 'node:path';

export interface FoundFile {
  /** Absolute path. */
  absolute: string;
  /** Relative to the package root, with forward slashes (`models/staging/stg_orders.sql`). */
  originalPath: string;
  /** Relative to the resource folder (`staging/stg_orders.sql`). */
  relative: string;
}

/** Every file under `root/<dir>` for each dir whose name ends with one of `extensions`, sorted. */
export function findFiles(root: string, dirs: string[], extensions: string[]): FoundFile[] {
  const out: FoundFile[] = [];
  for (const dir of dirs) {
    const base = path.resolve(root, dir);
    if (!fs.existsSync(base)) continue;
    const rootPrefix = path.resolve(root).length + 1;
    const basePrefix = base.length + 1;
    const inside = base.startsWith(path.resolve(root) + path.sep);
    walk(base, (abs) => {
      if (!extensions.some((e) => abs.endsWith(e))) return;
      out.push({
        absolute: abs,
        originalPath: toPosix(inside ? abs.slice(rootPrefix) : path.relative(root, abs)),
        relative: toPosix(abs.slice(basePrefix)),
      });
    });
  }
  out.sort((a, b) => (a.originalPath < b.originalPath ? -1 : a.originalPath > b.originalPath ? 1 : 0));
  return out;
}

function walk(dir: string, visit: (abs: string) => void): void {
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    if (entry.name.startsWith('.')) continue;
    const abs = path.join(dir, entry.name);
    if (entry.isDirectory()) walk(abs, visit);
    else if (entry.isFile() || entry.isSymbolicLink()) visit(abs);
  }
}

export function toPosix(p: string): string {
  return path.sep === '/' ? p : p.split(path.sep).join('/');
}
