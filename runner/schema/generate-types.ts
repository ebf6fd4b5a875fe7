import type { JsonObject, SchemaSet } from './schema-model';
import { asObject, resolveProperty } from './resolve-property';
import { generatedNotice, pascalCase } from './generated-header';

function comment(text: string | undefined, indent: string): string {
  if (!text) return '';
  return `${indent}/** ${text.replace(/\*\//g, '* /')} */\n`;
}

function literal(v: unknown): string {
  return JSON.stringify(v);
}

function tsType(root: JsonObject, raw: JsonObject, indent: string): string {
  const p = resolveProperty(root, raw);
  const s = p.schema;
  let parts: string[];
  if (Array.isArray(s.enum)) {
    parts = s.enum.filter((v) => v !== null).map(literal);
  } else if (s.const !== undefined) {
    parts = [literal(s.const)];
  } else {
    parts = p.types.map((t) => {
      switch (t) {
        case 'string':
          return 'string';
        case 'integer':
        case 'number':
          return 'number';
        case 'boolean':
          return 'boolean';
        case 'array': {
          const items = asObject(s.items);
          const inner = items ? tsType(root, items, indent) : 'unknown';
          return /[|{]/.test(inner) ? `Array<${inner}>` : `${inner}[]`;
        }
        case 'object':
          return objectType(root, s, indent);
        default:
          return 'unknown';
      }
    });
    if (parts.length === 0) parts = ['unknown'];
  }
  if (p.nullable) parts.push('null');
  return parts.join(' | ');
}

function objectType(root: JsonObject, s: JsonObject, indent: string): string {
  const props = asObject(s.properties);
  if (!props) return 'Record<string, unknown>';
  const required = new Set(Array.isArray(s.required) ? s.required.map(String) : []);
  const inner = indent + '  ';
  const lines = Object.entries(props).map(([name, raw]) => {
    const ps = asObject(raw) ?? {};
    return `${comment(typeof ps.description === 'string' ? ps.description : undefined, inner)}${inner}${name}${required.has(name) ? '' : '?'}: ${tsType(root, ps, inner)};`;
  });
  return `{\n${lines.join('\n')}\n${indent}}`;
}

/** `types.ts`: one interface per entity, the entity names, the schema version. */
export function generateTypes(set: SchemaSet): string {
  const out: string[] = [];
  out.push(`// ${generatedNotice(set)}`, '');
  out.push(`/** The shared-schema version these types were generated from. */`);
  out.push(`export const SCHEMA_VERSION = '${set.version}';`, '');
  out.push(
    `export const ENTITY_NAMES = [\n${set.entities.map((e) => `  '${e.name}',`).join('\n')}\n] as const;`,
  );
  out.push(`export type EntityName = (typeof ENTITY_NAMES)[number];`, '');
  for (const kind of ['table', 'view', 'document'] as const) {
    const names = set.entities.filter((e) => e.kind === kind).map((e) => `'${e.name}'`);
    const alias = { table: 'TableName', view: 'ViewName', document: 'DocumentName' }[kind];
    out.push(`export type ${alias} = ${names.length ? names.join(' | ') : 'never'};`);
  }
  out.push('');
  out.push(`/** The kind of each entity: an app table, a view of the tables, or a search document. */`);
  out.push(`export const ENTITY_KINDS: Record<EntityName, 'table' | 'view' | 'document'> = {`);
  for (const e of set.entities) out.push(`  ${e.name}: '${e.kind}',`);
  out.push('};', '');
  for (const e of set.entities) {
    out.push(
      comment(`${e.description}${e.djangoModel ? ` Django model: ${e.djangoModel}.` : ''}`, '').trimEnd(),
    );
    out.push(`export interface ${pascalCase(e.name)} ${objectType(e.schema, e.schema, '')}`, '');
  }
  out.push(`/** The record type of each entity. */`);
  out.push(`export interface EntityRecords {`);
  for (const e of set.entities) out.push(`  ${e.name}: ${pascalCase(e.name)};`);
  out.push('}', '');
  return out.join('\n');
}
