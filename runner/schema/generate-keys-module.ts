import type { SchemaSet } from './schema-model';
import { generatedNotice } from './generated-header';

const list = (cols: string[]) => `[${cols.map((c) => `'${c}'`).join(', ')}]`;

/**
 * `keys.ts`: the primary key, unique keys and foreign keys of every entity, for code that upserts, diffs or
 * orders rows (delivery) without reading the schema files.
 */
export function generateKeysModule(set: SchemaSet): string {
  const out: string[] = [`// ${generatedNotice(set)}`, '', `import type { EntityName } from './types';`, ''];
  out.push(
    `export interface ForeignKeyRef {`,
    `  columns: readonly string[];`,
    `  references: { entity: EntityName; columns: readonly string[] };`,
  );
  out.push(`  onDelete?: 'cascade' | 'set null' | 'restrict' | 'no action';`, `}`, '');
  out.push(`/** The primary key of each entity (the document id for search documents). */`);
  out.push(`export const PRIMARY_KEYS: Record<EntityName, readonly string[]> = {`);
  for (const e of set.entities) out.push(`  ${e.name}: ${list(e.primaryKey)},`);
  out.push('};', '');
  out.push(
    `/** The unique keys of each entity besides the primary key (natural keys such as platform + readable_id + resource_type). */`,
  );
  out.push(`export const UNIQUE_KEYS: Record<EntityName, readonly (readonly string[])[]> = {`);
  for (const e of set.entities) out.push(`  ${e.name}: [${e.unique.map(list).join(', ')}],`);
  out.push('};', '');
  out.push(`/** The foreign keys of each table. */`);
  out.push(`export const FOREIGN_KEYS: Record<EntityName, readonly ForeignKeyRef[]> = {`);
  for (const e of set.entities) {
    const fks = e.foreignKeys.map((fk) => {
      const onDelete = fk.onDelete ? `, onDelete: '${fk.onDelete}'` : '';
      return `{ columns: ${list(fk.columns)}, references: { entity: '${fk.references.entity}', columns: ${list(fk.references.columns)} }${onDelete} }`;
    });
    out.push(
      fks.length ? `  ${e.name}: [\n${fks.map((f) => `    ${f},`).join('\n')}\n  ],` : `  ${e.name}: [],`,
    );
  }
  out.push('};', '');
  return out.join('\n');
}
