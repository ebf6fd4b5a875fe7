import type { Entity, JsonObject, SchemaSet, SearchIndexDef } from './schema-model';
import { asObject, resolveProperty } from './resolve-property';
import { SchemaDefinitionError } from './schema-errors';
import { generatedNotice, pascalCase } from './generated-header';

type Mapping = JsonObject;

const ENGLISH = { type: 'text', analyzer: 'custom_english' };
const TRIGRAM = { type: 'text', analyzer: 'trigram' };

interface SearchHint {
  type?: string;
  english?: boolean;
  trigram?: boolean;
  scaling_factor?: number;
}

function hintOf(schema: JsonObject): SearchHint {
  const h = schema['x-search'];
  if (typeof h === 'string') return { type: h };
  return (asObject(h) as SearchHint | undefined) ?? {};
}

function scalarMapping(types: string[], schema: JsonObject, hint: SearchHint): Mapping {
  let type = hint.type;
  if (!type) {
    const t = types[0];
    if (t === 'string') type = schema.format === 'date-time' || schema.format === 'date' ? 'date' : 'keyword';
    else if (t === 'integer') type = 'long';
    else if (t === 'number') type = 'float';
    else if (t === 'boolean') type = 'boolean';
    else type = 'keyword';
  }
  const m: Mapping = { type };
  if (type === 'scaled_float') m.scaling_factor = hint.scaling_factor ?? 100;
  const fields: JsonObject = {};
  if (hint.english) fields.english = { ...ENGLISH };
  if (hint.trigram) fields.trigram = { ...TRIGRAM };
  if (Object.keys(fields).length) m.fields = fields;
  return m;
}

/** The mapping of one document property, or undefined when the index leaves it out. */
function propertyMapping(root: JsonObject, raw: JsonObject, index: string): Mapping | undefined {
  const p = resolveProperty(root, raw);
  const s = p.schema;
  const only = s['x-search-indexes'];
  if (Array.isArray(only) && !only.includes(index)) return undefined;
  const hint = hintOf(s);
  if (p.types.includes('object') && asObject(s.properties)) {
    return {
      type: hint.type === 'nested' ? 'nested' : 'object',
      properties: objectProperties(root, s, index),
    };
  }
  if (p.types.includes('array')) {
    const items = asObject(s.items);
    const ip = items ? resolveProperty(root, items) : undefined;
    if (ip && ip.types.includes('object') && asObject(ip.schema.properties)) {
      const itemHint = hintOf(ip.schema);
      const type = hint.type === 'object' || itemHint.type === 'object' ? 'object' : 'nested';
      return { type, properties: objectProperties(root, ip.schema, index) };
    }
    const itemHint = ip ? hintOf(ip.schema) : {};
    return scalarMapping(ip?.types ?? ['string'], ip?.schema ?? {}, hint.type ? hint : itemHint);
  }
  return scalarMapping(p.types, s, hint);
}

function objectProperties(root: JsonObject, s: JsonObject, index: string): JsonObject {
  const out: JsonObject = {};
  for (const [name, raw] of Object.entries(asObject(s.properties) ?? {})) {
    const m = propertyMapping(root, asObject(raw) ?? {}, index);
    if (m) out[name] = m;
  }
  return out;
}

/** Merge two property maps; the same field must map the same way (nested objects merge their fields). */
function mergeProperties(a: JsonObject, b: JsonObject, where: string): JsonObject {
  const out: JsonObject = { ...a };
  for (const [k, v] of Object.entries(b)) {
    const prev = asObject(out[k]);
    const next = asObject(v)!;
    if (!prev) {
      out[k] = v;
      continue;
    }
    if (prev.type !== next.type) {
      throw new Error(
        `${where}.${k}: ${String(prev.type)} in one document, ${String(next.type)} in the other`,
      );
    }
    if (asObject(prev.properties) || asObject(next.properties)) {
      out[k] = {
        ...prev,
        properties: mergeProperties(
          asObject(prev.properties) ?? {},
          asObject(next.properties) ?? {},
          `${where}.${k}`,
        ),
      };
    } else if (JSON.stringify(prev) !== JSON.stringify(next)) {
      throw new Error(`${where}.${k}: mapped differently by the two documents`);
    }
  }
  return out;
}

export interface IndexDefinition {
  settings: JsonObject;
  mappings: JsonObject;
}

function indexDefinition(set: SchemaSet, doc: Entity, ix: SearchIndexDef): IndexDefinition {
  const search = doc.search!;
  let properties = objectProperties(doc.schema, doc.schema, ix.name);
  const cfEntity = search.contentFiles ? set.entity(search.contentFiles) : undefined;
  if (ix.contentFiles && cfEntity) {
    const cf = objectProperties(cfEntity.schema, cfEntity.schema, ix.name);
    if (ix.contentFiles === 'nested') {
      properties = { ...properties, content_files: { type: 'nested', properties: cf } };
    } else {
      try {
        properties = mergeProperties(properties, cf, ix.name);
      } catch (e) {
        throw new SchemaDefinitionError([
          {
            file: cfEntity.file,
            pointer: '/properties',
            message: `conflicts with ${doc.name}: ${(e as Error).message}`,
          },
        ]);
      }
      const join = search.join!;
      properties[join.field] = { type: 'join', relations: { [join.parent]: join.child } };
    }
  }
  const mappings: JsonObject = {
    _meta: { schema: set.name, schema_version: set.version, index: ix.name, resource_type: ix.resourceType },
  };
  if (search.dynamic) mappings.dynamic = search.dynamic;
  mappings.properties = properties;
  return { settings: search.settings, mappings };
}

/** Every Learn index definition (settings + mappings), by index name. */
export function searchIndexDefinitions(set: SchemaSet): Map<string, IndexDefinition> {
  const out = new Map<string, IndexDefinition>();
  for (const doc of set.entities.filter((e) => e.kind === 'document' && e.search)) {
    for (const ix of doc.search!.indexes) out.set(ix.name, indexDefinition(set, doc, ix));
  }
  return out;
}

/** `opensearch/<index>.json`, one file per index: the body of a create-index request. */
export function generateOpensearchFiles(set: SchemaSet): Map<string, string> {
  const files = new Map<string, string>();
  for (const [name, def] of searchIndexDefinitions(set)) {
    files.set(`opensearch/${name}.json`, JSON.stringify(def, null, 2) + '\n');
  }
  return files;
}

/** `opensearch.ts`: the index names and a function that returns a create-index body with overrides. */
export function generateOpensearchModule(set: SchemaSet): string {
  const defs = [...searchIndexDefinitions(set)];
  const names = defs.map(([n]) => n);
  const types = defs.map(([n, d]) => `  ${n}: '${String(asObject(d.mappings._meta)!.resource_type)}',`);
  const local = (n: string) => `${pascalCase(n)[0].toLowerCase()}${pascalCase(n).slice(1)}Index`;
  const imports = names.map((n) => `import ${local(n)} from './opensearch/${n}.json';`);
  const entries = names.map((n) => `  ${n}: ${local(n)} as LearnIndexDefinition,`);
  return `// ${generatedNotice(set)}

${imports.join('\n')}

/** The Learn search indexes, one per resource type (the app's index names, before the prefix). */
export const LEARN_INDEX_NAMES = [${names.map((n) => `'${n}'`).join(', ')}] as const;
export type LearnIndexName = (typeof LEARN_INDEX_NAMES)[number];

/** The resource type each index holds. */
export const LEARN_INDEX_RESOURCE_TYPES: Record<LearnIndexName, string> = {
${types.join('\n')}
};

/** The body of a create-index request: settings and mappings. */
export interface LearnIndexDefinition {
  settings: Record<string, any>;
  mappings: { _meta: Record<string, string>; dynamic?: string; properties: Record<string, any> };
}

const DEFINITIONS: Record<LearnIndexName, LearnIndexDefinition> = {
${entries.join('\n')}
};

export interface LearnIndexOptions {
  /** number_of_shards (the app uses 2). */
  shards?: number;
  /** number_of_replicas (the app uses 2; use 0 on a one-node test server). */
  replicas?: number;
  /** refresh_interval, e.g. "1s" in tests, "-1" during a bulk load. */
  refreshInterval?: string;
}

/** A fresh copy of the create-index body of one Learn index, with optional settings overrides. */
export function learnIndexDefinition(name: LearnIndexName, options: LearnIndexOptions = {}): LearnIndexDefinition {
  const def = DEFINITIONS[name];
  if (!def) throw new Error(\`unknown Learn index "\${String(name)}"; known: \${LEARN_INDEX_NAMES.join(', ')}\`);
  const copy = JSON.parse(JSON.stringify(def)) as LearnIndexDefinition;
  if (options.shards !== undefined) copy.settings.number_of_shards = options.shards;
  if (options.replicas !== undefined) copy.settings.number_of_replicas = options.replicas;
  if (options.refreshInterval !== undefined) copy.settings.refresh_interval = options.refreshInterval;
  return copy;
}
`;
}
