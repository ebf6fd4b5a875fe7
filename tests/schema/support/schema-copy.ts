import fs from 'node:fs';
import path from 'node:path';

/** The repository's shared-schema directory. */
export const SCHEMA_DIR = path.join(__dirname, '..', '..', '..', 'shared-schema');

/** Copy schema.json, schemas/ and generated/ of the shared schema into `dir` (a scratch schema directory). */
export function copySchemaDir(dir: string): string {
  fs.copyFileSync(path.join(SCHEMA_DIR, 'schema.json'), path.join(dir, 'schema.json'));
  fs.cpSync(path.join(SCHEMA_DIR, 'schemas'), path.join(dir, 'schemas'), { recursive: true });
  fs.cpSync(path.join(SCHEMA_DIR, 'generated'), path.join(dir, 'generated'), { recursive: true });
  return dir;
}

type Json = Record<string, any>;

/** Rewrite one entity schema of a scratch schema directory. */
export function editEntity(dir: string, entity: string, edit: (doc: Json) => void): void {
  const file = path.join(dir, 'schemas', `${entity}.schema.json`);
  const doc = JSON.parse(fs.readFileSync(file, 'utf8')) as Json;
  edit(doc);
  fs.writeFileSync(file, JSON.stringify(doc, null, 2) + '\n');
}

/** Rewrite schema.json of a scratch schema directory. */
export function editManifest(dir: string, edit: (doc: Json) => void): void {
  const file = path.join(dir, 'schema.json');
  const doc = JSON.parse(fs.readFileSync(file, 'utf8')) as Json;
  edit(doc);
  fs.writeFileSync(file, JSON.stringify(doc, null, 2) + '\n');
}

/** Write raw text as an entity schema file (for malformed input). */
export function writeEntityText(dir: string, entity: string, text: string): void {
  fs.writeFileSync(path.join(dir, 'schemas', `${entity}.schema.json`), text);
}
