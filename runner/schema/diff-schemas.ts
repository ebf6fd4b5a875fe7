import type { Entity, JsonObject, SchemaSet } from './schema-model';
import { asObject, resolveProperty, type ResolvedProperty } from './resolve-property';
import { atLeast, bumpLevel, compareSemver, highest, parseSemver, type BumpLevel } from './semver';

export type ChangeClass = 'major' | 'minor' | 'patch';

export interface SchemaChange {
  class: ChangeClass;
  /** `entity`, `entity.field`, `entity.runs[].title`... */
  path: string;
  message: string;
}

export interface SchemaDiff {
  oldVersion: string;
  newVersion: string;
  changes: SchemaChange[];
  /** The bump the changes need. */
  required: BumpLevel;
  /** The bump the version numbers show. */
  actual: BumpLevel;
  /** False when a breaking change comes without a major version bump (or the version went down). */
  ok: boolean;
  problems: string[];
  warnings: string[];
}

const json = (v: unknown) => JSON.stringify(v);
const same = (a: unknown, b: unknown) => json(a) === json(b);

class Collector {
  readonly changes: SchemaChange[] = [];
  add(cls: ChangeClass, path: string, message: string): void {
    this.changes.push({ class: cls, path, message });
  }
}

function requiredSet(s: JsonObject): Set<string> {
  return new Set(Array.isArray(s.required) ? s.required.map(String) : []);
}

function typeLabel(p: ResolvedProperty): string {
  const fmt = typeof p.schema.format === 'string' ? `(${p.schema.format})` : '';
  const db = typeof p.schema['x-db-type'] === 'string' ? ` as ${p.schema['x-db-type']}` : '';
  return `${p.types.join('|') || 'any'}${fmt}${db}`;
}

/** Tightening a bound (or adding one) breaks producers; loosening (or removing one) does not. */
function compareBound(c: Collector, path: string, key: string, a: unknown, b: unknown, upper: boolean): void {
  if (same(a, b)) return;
  if (b === undefined) return c.add('minor', path, `${key} ${json(a)} removed`);
  if (a === undefined) return c.add('major', path, `${key} ${json(b)} added`);
  const loosened = upper ? Number(b) > Number(a) : Number(b) < Number(a);
  c.add(loosened ? 'minor' : 'major', path, `${key} ${json(a)} → ${json(b)}`);
}

function compareProperty(
  c: Collector,
  oldRoot: JsonObject,
  newRoot: JsonObject,
  path: string,
  a: ResolvedProperty,
  b: ResolvedProperty,
): void {
  const sa = a.schema;
  const sb = b.schema;
  if (
    !same([...a.types].sort(), [...b.types].sort()) ||
    sa.format !== sb.format ||
    sa['x-db-type'] !== sb['x-db-type']
  ) {
    c.add('major', path, `type changed: ${typeLabel(a)} → ${typeLabel(b)}`);
  }
  if (a.nullable !== b.nullable) {
    c.add(
      'major',
      path,
      b.nullable ? 'may now be null (consumers break)' : 'may no longer be null (existing data breaks)',
    );
  }
  const ea = Array.isArray(sa.enum) ? sa.enum : undefined;
  const eb = Array.isArray(sb.enum) ? sb.enum : undefined;
  if (ea || eb) {
    if (!eb) c.add('minor', path, 'enum removed');
    else if (!ea) c.add('major', path, `enum ${json(eb)} added`);
    else {
      const removed = ea.filter((v) => !eb.some((w) => same(v, w)));
      const added = eb.filter((v) => !ea.some((w) => same(v, w)));
      if (removed.length) c.add('major', path, `enum values removed: ${removed.map(json).join(', ')}`);
      if (added.length) c.add('minor', path, `enum values added: ${added.map(json).join(', ')}`);
    }
  }
  compareBound(c, path, 'maxLength', sa.maxLength, sb.maxLength, true);
  compareBound(c, path, 'maximum', sa.maximum, sb.maximum, true);
  compareBound(c, path, 'minLength', sa.minLength, sb.minLength, false);
  compareBound(c, path, 'minimum', sa.minimum, sb.minimum, false);
  for (const key of ['pattern', 'const']) {
    if (same(sa[key], sb[key])) continue;
    c.add(sb[key] === undefined ? 'minor' : 'major', path, `${key} ${json(sa[key])} → ${json(sb[key])}`);
  }
  if (!same(sa['x-app-managed'], sb['x-app-managed'])) {
    c.add(
      'major',
      path,
      `x-app-managed ${json(sa['x-app-managed'])} → ${json(sb['x-app-managed'])} (the transform contract gains or loses the column)`,
    );
  }
  for (const key of ['default', 'x-db-default', 'x-identity', 'x-search', 'x-search-indexes', 'x-source']) {
    if (!same(sa[key], sb[key])) c.add('minor', path, `${key} ${json(sa[key])} → ${json(sb[key])}`);
  }
  if (!same(sa.description, sb.description)) c.add('patch', path, 'description changed');
  if (asObject(sa.properties) && asObject(sb.properties)) compareObject(c, oldRoot, newRoot, path, sa, sb);
  const ia = asObject(sa.items);
  const ib = asObject(sb.items);
  if (ia && ib) {
    compareProperty(
      c,
      oldRoot,
      newRoot,
      `${path}[]`,
      resolveProperty(oldRoot, ia),
      resolveProperty(newRoot, ib),
    );
  }
}

function compareObject(
  c: Collector,
  oldRoot: JsonObject,
  newRoot: JsonObject,
  prefix: string,
  a: JsonObject,
  b: JsonObject,
): void {
  const pa = asObject(a.properties) ?? {};
  const pb = asObject(b.properties) ?? {};
  const ra = requiredSet(a);
  const rb = requiredSet(b);
  for (const name of Object.keys(pa)) {
    const path = `${prefix}.${name}`;
    if (!(name in pb)) {
      c.add('major', path, 'field removed');
      continue;
    }
    const oldP = resolveProperty(oldRoot, asObject(pa[name]) ?? {});
    const newP = resolveProperty(newRoot, asObject(pb[name]) ?? {});
    if (ra.has(name) && !rb.has(name)) c.add('major', path, 'no longer required (consumers may not get it)');
    if (!ra.has(name) && rb.has(name)) c.add('major', path, 'now required');
    compareProperty(c, oldRoot, newRoot, path, oldP, newP);
  }
  for (const name of Object.keys(pb)) {
    if (name in pa) continue;
    if (rb.has(name)) c.add('major', `${prefix}.${name}`, 'new required field');
    else c.add('minor', `${prefix}.${name}`, 'new optional field');
  }
}

function compareKeySets(
  c: Collector,
  path: string,
  label: string,
  a: unknown[],
  b: unknown[],
  addedClass: ChangeClass,
  removedClass: ChangeClass,
): void {
  const ka = a.map(json);
  const kb = b.map(json);
  for (const k of ka) if (!kb.includes(k)) c.add(removedClass, path, `${label} removed: ${k}`);
  for (const k of kb) if (!ka.includes(k)) c.add(addedClass, path, `${label} added: ${k}`);
}

function compareEntity(c: Collector, a: Entity, b: Entity): void {
  const p = a.name;
  if (a.kind !== b.kind) c.add('major', p, `kind changed: ${a.kind} → ${b.kind}`);
  if (!same(a.primaryKey, b.primaryKey))
    c.add('major', p, `primary key changed: ${json(a.primaryKey)} → ${json(b.primaryKey)}`);
  compareKeySets(c, p, 'unique key', a.unique, b.unique, 'major', 'major');
  compareKeySets(c, p, 'foreign key', a.foreignKeys, b.foreignKeys, 'major', 'major');
  compareKeySets(c, p, 'check', a.checks, b.checks, 'major', 'minor');
  compareKeySets(c, p, 'index', a.indexes, b.indexes, 'minor', 'minor');
  if (!same(a.view, b.view)) c.add('major', p, `view base changed: ${json(a.view)} → ${json(b.view)}`);
  const ia = a.search?.indexes ?? [];
  const ib = b.search?.indexes ?? [];
  compareKeySets(
    c,
    p,
    'search index',
    ia.map((i) => i.name),
    ib.map((i) => i.name),
    'minor',
    'major',
  );
  const restA = { ...a.search, indexes: undefined };
  const restB = { ...b.search, indexes: undefined };
  if (!same(restA, restB)) c.add('minor', p, 'search settings changed (the indexes need a rebuild)');
  for (const ix of ib) {
    const before = ia.find((i) => i.name === ix.name);
    if (before && !same(before, ix))
      c.add('minor', p, `search index ${ix.name} changed: ${json(before)} → ${json(ix)}`);
  }
  if (a.title !== b.title || a.description !== b.description || a.djangoModel !== b.djangoModel) {
    c.add('patch', p, 'title, description or Django model name changed');
  }
  compareObject(c, a.schema, b.schema, p, a.schema, b.schema);
}

/**
 * Classify every change between two schema sets: an added optional field is minor; a removed field, a type
 * change, a new required field or a key change is major; descriptions are patch. The diff fails when the
 * changes need a major bump and the version does not show one.
 */
export function diffSchemas(oldSet: SchemaSet, newSet: SchemaSet): SchemaDiff {
  const c = new Collector();
  for (const a of oldSet.entities) {
    const b = newSet.entity(a.name);
    if (!b) c.add('major', a.name, 'entity removed');
    else compareEntity(c, a, b);
  }
  for (const b of newSet.entities) if (!oldSet.entity(b.name)) c.add('minor', b.name, 'entity added');

  const required = highest(c.changes.map((x) => x.class));
  const ov = parseSemver(oldSet.version);
  const nv = parseSemver(newSet.version);
  const problems: string[] = [];
  const warnings: string[] = [];
  let actual: BumpLevel = 'none';
  if (!ov || !nv) problems.push(`versions must be x.y.z (old ${oldSet.version}, new ${newSet.version})`);
  else {
    actual = bumpLevel(ov, nv);
    if (compareSemver(nv, ov) < 0)
      problems.push(`the version went down: ${oldSet.version} → ${newSet.version}`);
    if (required === 'major' && actual !== 'major') {
      problems.push(
        `breaking changes need a major version bump: ${oldSet.version} → ${newSet.version} is ${actual === 'none' ? 'no bump' : `a ${actual} bump`}`,
      );
    } else if (!atLeast(actual, required)) {
      warnings.push(
        `these changes call for a ${required} bump; the version shows ${actual === 'none' ? 'none' : `a ${actual} bump`}`,
      );
    }
  }
  return {
    oldVersion: oldSet.version,
    newVersion: newSet.version,
    changes: c.changes,
    required,
    actual,
    ok: problems.length === 0,
    problems,
    warnings,
  };
}

/** The diff as lines: one per change, then a verdict. */
export function formatSchemaDiff(d: SchemaDiff): string[] {
  const lines = d.changes.map((ch) => `${ch.class.toUpperCase().padEnd(5)}  ${ch.path}: ${ch.message}`);
  if (!d.changes.length) lines.push('no changes');
  lines.push(
    `version ${d.oldVersion} → ${d.newVersion}: changes need ${d.required === 'none' ? 'no' : `a ${d.required}`} bump, version shows ${d.actual === 'none' ? 'none' : `a ${d.actual} bump`}`,
  );
  for (const w of d.warnings) lines.push(`warning: ${w}`);
  for (const p of d.problems) lines.push(`error: ${p}`);
  return lines;
}
