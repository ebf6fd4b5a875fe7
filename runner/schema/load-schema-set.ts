import fs from 'node:fs';
import path from 'node:path';
import type { ErrorObject } from 'ajv';
import { createAjv } from '../../shared-schema/lib/create-ajv';
import { ConfigError } from '../common/errors';
import { SchemaDefinitionError, pointer, type SchemaIssue } from './schema-errors';
import type { Column, Entity, EntityKind, JsonObject, SchemaSet } from './schema-model';
import { asObject, resolveProperty } from './resolve-property';
import { columnTypeOf } from './column-type';
import { checkSchemaSemantics } from './check-schema-semantics';
import keywordsMetaSchema from '../../shared-schema/meta/learn-keywords.schema.json';

const KEYWORDS_META_SCHEMA = keywordsMetaSchema as JsonObject;
const SEMVER = /^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)$/;

function readJson(file: string, rel: string, issues: SchemaIssue[]): JsonObject | undefined {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (e) {
    issues.push({ file: rel, pointer: '', message: `cannot read: ${(e as Error).message}` });
    return undefined;
  }
  try {
    const doc = JSON.parse(text) as unknown;
    const obj = asObject(doc);
    if (!obj) issues.push({ file: rel, pointer: '', message: 'must be a JSON object' });
    return obj;
  } catch (e) {
    issues.push({ file: rel, pointer: '', message: `not valid JSON: ${(e as Error).message}` });
    return undefined;
  }
}

function ajvIssues(rel: string, errors: ErrorObject[] | null | undefined): SchemaIssue[] {
  return (errors ?? []).map((e) => ({
    file: rel,
    pointer:
      e.keyword === 'required'
        ? `${e.instancePath}${pointer(String((e.params as { missingProperty: string }).missingProperty))}`
        : e.keyword === 'additionalProperties'
          ? `${e.instancePath}${pointer(String((e.params as { additionalProperty: string }).additionalProperty))}`
          : e.instancePath,
    message:
      e.keyword === 'required'
        ? 'is required'
        : e.keyword === 'additionalProperties'
          ? 'is not an allowed keyword here'
          : `${e.message ?? 'is invalid'}${e.keyword === 'enum' ? ` (${JSON.stringify((e.params as { allowedValues: unknown }).allowedValues)})` : ''}`,
  }));
}

function buildColumns(doc: JsonObject, rel: string, issues: SchemaIssue[]): Column[] {
  const props = asObject(doc.properties) ?? {};
  const required = new Set(Array.isArray(doc.required) ? doc.required.map(String) : []);
  const columns: Column[] = [];
  for (const [name, raw] of Object.entries(props)) {
    const ptr = pointer('properties', name);
    try {
      const resolved = resolveProperty(doc, asObject(raw) ?? {});
      const type = columnTypeOf(doc, resolved);
      columns.push({
        name,
        type,
        nullable: resolved.nullable,
        required: required.has(name),
        identity: resolved.schema['x-identity'] === true,
        appManaged: resolved.schema['x-app-managed'] === true,
        default: resolved.schema.default,
        dbDefault:
          typeof resolved.schema['x-db-default'] === 'string' ? resolved.schema['x-db-default'] : undefined,
        schema: resolved.schema,
        pointer: ptr,
      });
    } catch (e) {
      issues.push({ file: rel, pointer: ptr, message: (e as Error).message });
    }
  }
  return columns;
}

/**
 * Read and check a schema directory (schema.json plus schemas/*.schema.json): JSON Schema 2020-12 validity,
 * the Learn keywords' shapes, and the cross-file rules (keys name real columns, foreign keys point at keys,
 * views resolve). Every problem is collected; a SchemaDefinitionError lists them all, each with its file and
 * JSON pointer.
 */
export function loadSchemaSet(dir: string): SchemaSet {
  const root = path.resolve(dir);
  const issues: SchemaIssue[] = [];
  const manifestRel = 'schema.json';
  if (!fs.existsSync(path.join(root, manifestRel))) {
    throw new ConfigError(`no schema.json in ${root}`, {
      where: root,
      hint: 'pass the shared-schema directory',
    });
  }
  const manifest = readJson(path.join(root, manifestRel), manifestRel, issues);
  if (!manifest) throw new SchemaDefinitionError(issues);
  const version = String(manifest.version ?? '');
  if (!SEMVER.test(version)) {
    issues.push({
      file: manifestRel,
      pointer: '/version',
      message: `"${version}" is not a semver version (x.y.z)`,
    });
  }
  const names = Array.isArray(manifest.entities) ? manifest.entities.map(String) : [];
  if (!Array.isArray(manifest.entities) || names.length === 0) {
    issues.push({ file: manifestRel, pointer: '/entities', message: 'must list the entity names' });
  }

  const ajv = createAjv();
  const checkKeywords = ajv.compile(KEYWORDS_META_SCHEMA);

  const listed = new Set<string>();
  const entities: Entity[] = [];
  names.forEach((name, i) => {
    if (listed.has(name))
      issues.push({
        file: manifestRel,
        pointer: pointer('entities', i),
        message: `"${name}" is listed twice`,
      });
    listed.add(name);
    const rel = `schemas/${name}.schema.json`;
    const file = path.join(root, rel);
    if (!fs.existsSync(file)) {
      issues.push({ file: manifestRel, pointer: pointer('entities', i), message: `no file ${rel}` });
      return;
    }
    const doc = readJson(file, rel, issues);
    if (!doc) return;
    const before = issues.length;
    if (!ajv.validateSchema(doc)) issues.push(...ajvIssues(rel, ajv.errors));
    if (!checkKeywords(doc)) issues.push(...ajvIssues(rel, checkKeywords.errors));
    if (issues.length > before) return;
    try {
      ajv.compile(doc);
      ajv.removeSchema(String(doc.$id));
    } catch (e) {
      const message = (e as Error).message;
      const at = /at "[^"#]*#([^"]*)"/.exec(message);
      issues.push({ file: rel, pointer: at ? at[1] : '', message: `does not compile: ${message}` });
      return;
    }
    if (doc['x-entity'] !== name) {
      issues.push({
        file: rel,
        pointer: '/x-entity',
        message: `must be "${name}", the name schema.json lists for this file`,
      });
    }
    if (doc.$id !== `urn:learnflow:learn:${name}`) {
      issues.push({ file: rel, pointer: '/$id', message: `must be "urn:learnflow:learn:${name}"` });
    }
    const kind = doc['x-kind'] as EntityKind;
    entities.push({
      name,
      kind,
      title: String(doc.title ?? name),
      description: String(doc.description ?? ''),
      file: rel,
      schema: doc,
      columns: buildColumns(doc, rel, issues),
      primaryKey: (doc['x-primary-key'] as string[] | undefined) ?? [],
      unique: (doc['x-unique'] as string[][] | undefined) ?? [],
      foreignKeys: (doc['x-foreign-keys'] as Entity['foreignKeys'] | undefined) ?? [],
      indexes: (doc['x-indexes'] as Entity['indexes'] | undefined) ?? [],
      checks: (doc['x-checks'] as Entity['checks'] | undefined) ?? [],
      djangoModel: typeof doc['x-django-model'] === 'string' ? doc['x-django-model'] : undefined,
      view: doc['x-view'] as Entity['view'],
      search: doc['x-search'] as Entity['search'],
    });
  });

  const schemasDir = path.join(root, 'schemas');
  if (fs.existsSync(schemasDir)) {
    for (const f of fs.readdirSync(schemasDir).sort()) {
      const m = /^(.*)\.schema\.json$/.exec(f);
      if (!m) continue;
      if (!listed.has(m[1])) {
        issues.push({ file: `schemas/${f}`, pointer: '', message: 'is not listed in schema.json entities' });
      }
    }
  }

  const byName = new Map(entities.map((e) => [e.name, e]));
  const set: SchemaSet = {
    dir: root,
    name: String(manifest.name ?? 'learn'),
    description: String(manifest.description ?? ''),
    version,
    entities,
    entity: (n) => byName.get(n),
  };
  if (issues.length === 0) issues.push(...checkSchemaSemantics(set));
  if (issues.length) throw new SchemaDefinitionError(issues);
  return set;
}
