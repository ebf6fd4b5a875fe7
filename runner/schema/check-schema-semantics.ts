import type { SchemaIssue } from './schema-errors';
import { pointer } from './schema-errors';
import type { Column, Entity, JsonObject, PathStep, SchemaSet } from './schema-model';
import { resolveViewPath } from './resolve-view-path';
import { joinable } from './column-type';
import { asObject } from './resolve-property';

function columnOf(e: Entity, name: string): Column | undefined {
  return e.columns.find((c) => c.name === name);
}

function checkColumns(e: Entity, cols: string[], ptr: string, issues: SchemaIssue[]): void {
  cols.forEach((c, i) => {
    if (!columnOf(e, c)) issues.push({ file: e.file, pointer: `${ptr}/${i}`, message: `no property "${c}"` });
  });
}

function isKey(target: Entity, cols: string[]): boolean {
  const same = (a: string[]) => a.length === cols.length && a.every((c) => cols.includes(c));
  return same(target.primaryKey) || target.unique.some(same);
}

function checkTable(set: SchemaSet, e: Entity, issues: SchemaIssue[]): void {
  const add = (ptr: string, message: string): void => {
    issues.push({ file: e.file, pointer: ptr, message });
  };
  if (e.primaryKey.length === 0) add('/x-primary-key', 'a table needs a primary key');
  for (const col of e.columns) {
    if (col.schema['x-source'] !== undefined) add(`${col.pointer}/x-source`, 'only views derive columns');
    if (!col.required && !col.nullable && col.default === undefined && !col.dbDefault && !col.identity) {
      add(col.pointer, 'an optional field that cannot be null needs a default (default or x-db-default)');
    }
    if (col.appManaged && (col.required || (col.default === undefined && !col.dbDefault))) {
      add(`${col.pointer}/x-app-managed`, 'a column the app maintains must be optional and have a default');
    }
    if (col.identity && col.type.kind !== 'bigint' && col.type.kind !== 'integer') {
      add(`${col.pointer}/x-identity`, 'only integer columns can be identity columns');
    }
  }
  e.primaryKey.forEach((c, i) => {
    const col = columnOf(e, c);
    if (col?.nullable) add(`/x-primary-key/${i}`, `primary key column "${c}" cannot be nullable`);
    if (col && !col.required) add(`/x-primary-key/${i}`, `primary key column "${c}" must be required`);
  });
  e.foreignKeys.forEach((fk, i) => {
    const ptr = `/x-foreign-keys/${i}`;
    checkColumns(e, fk.columns, `${ptr}/columns`, issues);
    const target = set.entity(fk.references.entity);
    if (!target) return add(`${ptr}/references/entity`, `unknown entity "${fk.references.entity}"`);
    if (target.kind !== 'table') return add(`${ptr}/references/entity`, `"${target.name}" is not a table`);
    checkColumns(target, fk.references.columns, `${ptr}/references/columns`, issues);
    if (fk.columns.length !== fk.references.columns.length) {
      return add(ptr, 'columns and references.columns must have the same length');
    }
    if (!isKey(target, fk.references.columns)) {
      add(`${ptr}/references/columns`, `must be the primary key or a unique key of ${target.name}`);
    }
    fk.columns.forEach((c, j) => {
      const a = columnOf(e, c);
      const b = columnOf(target, fk.references.columns[j]);
      if (a && b && !joinable(a.type, b.type)) {
        add(
          `${ptr}/columns/${j}`,
          `type ${a.type.kind} cannot reference ${target.name}.${b.name} (${b.type.kind})`,
        );
      }
      if (a && fk.onDelete === 'set null' && !a.nullable)
        add(`${ptr}/onDelete`, `"set null" needs "${c}" nullable`);
    });
  });
  const names = new Set<string>();
  e.indexes.forEach((ix, i) => {
    if (ix.columns) checkColumns(e, ix.columns, `/x-indexes/${i}/columns`, issues);
    if (ix.name) {
      if (names.has(ix.name)) add(`/x-indexes/${i}/name`, `duplicate index name "${ix.name}"`);
      names.add(ix.name);
    }
  });
}

function checkView(set: SchemaSet, e: Entity, issues: SchemaIssue[]): void {
  const add = (ptr: string, message: string): void => {
    issues.push({ file: e.file, pointer: ptr, message });
  };
  const base = e.view ? set.entity(e.view.base) : undefined;
  if (!e.view) return add('/x-view', 'a view needs x-view.base');
  if (!base || base.kind !== 'table') return add('/x-view/base', `"${e.view.base}" is not a table`);
  for (const col of e.columns) {
    const src = asObject(col.schema['x-source']);
    const ptr = `${col.pointer}/x-source`;
    if (!src) {
      add(col.pointer, 'every column of a view needs x-source');
      continue;
    }
    let at: Entity = base;
    let steps: ReturnType<typeof resolveViewPath> = [];
    if (Array.isArray(src.path)) {
      steps = resolveViewPath(set, base, src.path as PathStep[]);
      if (typeof steps === 'string') {
        add(`${ptr}/path`, steps);
        continue;
      }
      at = steps.length ? steps[steps.length - 1].entity : base;
    }
    const cols =
      src.column !== undefined ? [String(src.column)] : ((src.columns as string[] | undefined) ?? []);
    for (const c of [...cols, ...((src.coalesce as string[] | undefined) ?? [])]) {
      if (!columnOf(at, c)) add(ptr, `${at.name} has no column "${c}"`);
    }
    const agg = asObject(src.aggregate) as JsonObject | undefined;
    const resolved = steps;
    const toMany = Array.isArray(resolved) && resolved.some((s) => s.many);
    if (toMany && !agg) add(ptr, 'a path through one-to-many steps needs an aggregate');
    if (cols.length > 1 && !(agg && agg.fieldSeparator))
      add(ptr, 'several columns need aggregate.fieldSeparator');
    if (agg && Array.isArray(agg.orderBy) && Array.isArray(resolved)) {
      (agg.orderBy as { step: number; column: string }[]).forEach((o, i) => {
        const s = resolved[o.step];
        if (!s) return add(`${ptr}/aggregate/orderBy/${i}/step`, `no step ${o.step}`);
        if (!columnOf(s.entity, o.column))
          add(`${ptr}/aggregate/orderBy/${i}/column`, `${s.entity.name} has no column "${o.column}"`);
        if (agg.distinct && !(o.step === resolved.length - 1 && cols.includes(o.column))) {
          add(`${ptr}/aggregate/orderBy/${i}`, 'with distinct, order only by the aggregated column');
        }
      });
    }
  }
  checkColumns(e, e.primaryKey, '/x-primary-key', issues);
}

function checkDocument(set: SchemaSet, e: Entity, issues: SchemaIssue[]): void {
  const add = (ptr: string, message: string): void => {
    issues.push({ file: e.file, pointer: ptr, message });
  };
  checkColumns(e, e.primaryKey, '/x-primary-key', issues);
  const search = e.search;
  const indexNames = new Set((search?.indexes ?? []).map((i) => i.name));
  if (search?.contentFiles) {
    const cf = set.entity(search.contentFiles);
    if (!cf || cf.kind !== 'document')
      add('/x-search/contentFiles', `"${search.contentFiles}" is not a document entity`);
  }
  search?.indexes.forEach((ix, i) => {
    if (ix.contentFiles && !search.contentFiles)
      add(`/x-search/indexes/${i}/contentFiles`, 'needs x-search.contentFiles');
    if (ix.contentFiles === 'children' && !search.join)
      add(`/x-search/indexes/${i}/contentFiles`, 'needs x-search.join');
  });
  const walk = (node: unknown, ptr: string) => {
    const o = asObject(node);
    if (!o) return;
    if (Array.isArray(o['x-search-indexes'])) {
      (o['x-search-indexes'] as string[]).forEach((n, i) => {
        if (!indexNames.has(n)) add(`${ptr}/x-search-indexes/${i}`, `no index "${n}" in x-search.indexes`);
      });
    }
    for (const [k, v] of Object.entries(asObject(o.properties) ?? {}))
      walk(v, `${ptr}${pointer('properties', k)}`);
  };
  walk(e.schema, '');
}

/** The rules that span properties and files. */
export function checkSchemaSemantics(set: SchemaSet): SchemaIssue[] {
  const issues: SchemaIssue[] = [];
  for (const e of set.entities) {
    const add = (ptr: string, message: string): void => {
      issues.push({ file: e.file, pointer: ptr, message });
    };
    const required = Array.isArray(e.schema.required) ? e.schema.required.map(String) : [];
    required.forEach((r, i) => {
      if (!columnOf(e, r)) add(`/required/${i}`, `"${r}" is not a property`);
    });
    e.unique.forEach((u, i) => checkColumns(e, u, `/x-unique/${i}`, issues));
    checkColumns(e, e.primaryKey, '/x-primary-key', issues);
    if (e.kind === 'table') checkTable(set, e, issues);
    else if (e.kind === 'view') checkView(set, e, issues);
    else checkDocument(set, e, issues);
    if (e.kind !== 'table' && (e.foreignKeys.length || e.indexes.length || e.checks.length)) {
      add('', 'only tables declare x-foreign-keys, x-indexes or x-checks');
    }
  }
  return dedupe(issues);
}

function dedupe(issues: SchemaIssue[]): SchemaIssue[] {
  const seen = new Set<string>();
  return issues.filter((i) => {
    const k = `${i.file}#${i.pointer}:${i.message}`;
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}
