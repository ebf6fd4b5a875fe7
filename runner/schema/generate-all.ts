import fs from 'node:fs';
import path from 'node:path';
import type { SchemaSet } from './schema-model';
import { generateTypes } from './generate-types';
import { generateKeysModule } from './generate-keys-module';
import { generateValidators } from './generate-validators';
import { generatePostgresDdl, tableCreationOrder } from './generate-postgres-ddl';
import { generateOpensearchFiles, generateOpensearchModule } from './generate-opensearch';
import { generateDbtContracts } from './generate-dbt-contracts';
import { generatedNotice } from './generated-header';

/** The generated directory inside a schema directory. */
export function generatedDir(set: SchemaSet): string {
  return path.join(set.dir, 'generated');
}

function ddlModule(set: SchemaSet, ddl: string): string {
  return `// ${generatedNotice(set)}

/** The app-side PostgreSQL DDL (the same text as postgres.sql): tables in dependency order, then views. */
export const POSTGRES_DDL = ${JSON.stringify(ddl)};

/** Table names in the order the DDL creates them (load lookups first; delete in reverse). */
export const TABLE_CREATION_ORDER = ${JSON.stringify(tableCreationOrder(set))} as const;
`;
}

/** Every generated file, by path relative to the generated directory. One source, many outputs. */
export function generateAll(set: SchemaSet): Map<string, string> {
  const files = new Map<string, string>();
  files.set('types.ts', generateTypes(set));
  files.set('keys.ts', generateKeysModule(set));
  files.set('validators.ts', generateValidators(set));
  const ddl = generatePostgresDdl(set);
  files.set('postgres.sql', ddl);
  files.set('postgres-ddl.ts', ddlModule(set, ddl));
  for (const [p, c] of generateOpensearchFiles(set)) files.set(p, c);
  files.set('opensearch.ts', generateOpensearchModule(set));
  for (const [p, c] of generateDbtContracts(set)) files.set(p, c);
  return new Map([...files].sort(([a], [b]) => a.localeCompare(b)));
}

function listFiles(dir: string, prefix = ''): string[] {
  if (!fs.existsSync(dir)) return [];
  const out: string[] = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const rel = prefix ? `${prefix}/${entry.name}` : entry.name;
    if (entry.isDirectory()) out.push(...listFiles(path.join(dir, entry.name), rel));
    else out.push(rel);
  }
  return out.sort();
}

export interface GeneratedFileStatus {
  path: string;
  state: 'missing' | 'changed' | 'extra';
}

/** Compare what the schema generates with what is on disk. Empty when everything is current. */
export function staleGeneratedFiles(dir: string, files: Map<string, string>): GeneratedFileStatus[] {
  const out: GeneratedFileStatus[] = [];
  for (const [rel, content] of files) {
    const abs = path.join(dir, rel);
    if (!fs.existsSync(abs)) out.push({ path: rel, state: 'missing' });
    else if (fs.readFileSync(abs, 'utf8') !== content) out.push({ path: rel, state: 'changed' });
  }
  for (const rel of listFiles(dir)) if (!files.has(rel)) out.push({ path: rel, state: 'extra' });
  return out;
}

/** Write the generated files and remove any file the schema no longer generates. Returns the paths written. */
export function writeGeneratedFiles(dir: string, files: Map<string, string>): string[] {
  const written: string[] = [];
  for (const s of staleGeneratedFiles(dir, files)) {
    const abs = path.join(dir, s.path);
    if (s.state === 'extra') {
      fs.rmSync(abs);
      continue;
    }
    fs.mkdirSync(path.dirname(abs), { recursive: true });
    fs.writeFileSync(abs, files.get(s.path)!);
    written.push(s.path);
  }
  return written;
}
