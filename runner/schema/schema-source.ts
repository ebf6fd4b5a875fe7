import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { UsageError } from '../common/errors';

/** A schema directory to read; `cleanup` removes a temporary copy. */
export interface SchemaSource {
  dir: string;
  label: string;
  cleanup: () => void;
}

function git(cwd: string, args: string[]): string {
  return execFileSync('git', args, {
    cwd,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
    maxBuffer: 64 << 20,
  });
}

/**
 * Resolve a diff operand: a directory holding schema.json, or `git:<ref>` for the schema directory as it
 * was at that commit (read with git show into a temporary directory).
 */
export function openSchemaSource(spec: string, cwd: string, schemaDir: string): SchemaSource {
  if (spec.startsWith('git:')) {
    const ref = spec.slice(4);
    if (!ref) throw new UsageError('git: needs a ref, e.g. git:HEAD~1 or git:v1.0.0');
    let top: string;
    try {
      top = git(cwd, ['rev-parse', '--show-toplevel']).trim();
    } catch (e) {
      throw new UsageError(`${spec}: ${cwd} is not in a git work tree`, { cause: e });
    }
    const rel = path.relative(top, path.resolve(cwd, schemaDir)).split(path.sep).join('/');
    let listing: string;
    try {
      listing = git(top, ['ls-tree', '-r', '--name-only', ref, '--', `${rel}/schema.json`, `${rel}/schemas`]);
    } catch (e) {
      throw new UsageError(`${spec}: unknown git ref`, { cause: e });
    }
    const files = listing.split('\n').filter(Boolean);
    if (!files.includes(`${rel}/schema.json`))
      throw new UsageError(`${spec}: no ${rel}/schema.json at that ref`);
    const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'learnflow-schema-'));
    for (const f of files) {
      const out = path.join(tmp, path.relative(rel, f));
      fs.mkdirSync(path.dirname(out), { recursive: true });
      fs.writeFileSync(out, git(top, ['show', `${ref}:${f}`]));
    }
    return { dir: tmp, label: spec, cleanup: () => fs.rmSync(tmp, { recursive: true, force: true }) };
  }
  const dir = path.resolve(cwd, spec);
  if (!fs.existsSync(path.join(dir, 'schema.json'))) {
    throw new UsageError(`${spec}: not a schema directory (no schema.json)`, {
      hint: 'pass a directory such as shared-schema or shared-schema/released/1.0.0, or git:<ref>',
    });
  }
  return { dir, label: spec, cleanup: () => undefined };
}
