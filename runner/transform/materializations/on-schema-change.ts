import type { Column, Relation } from '../adapters/adapter';
import { MaterializationError } from './materialization-error';
import type { SqlDialect } from './plan';

export type OnSchemaChange = 'ignore' | 'fail' | 'append_new_columns' | 'sync_all_columns';
export const ON_SCHEMA_CHANGE_MODES: OnSchemaChange[] = [
  'ignore',
  'fail',
  'append_new_columns',
  'sync_all_columns',
];

export interface SchemaDiff {
  sourceNotInTarget: Column[];
  targetNotInSource: Column[];
  /** Columns in both whose type changed: the new (source) type. */
  newTargetTypes: { name: string; from: string; to: string }[];
  changed: boolean;
}

const norm = (type: string) => type.toLowerCase().replace(/\s+/g, ' ').trim();
const key = (name: string) => name.toLowerCase();
const VARCHAR = /^(character varying|varchar)\s*\((\d+)\)$/i;

/**
 * dbt's expand_target_column_types: a sized string column of the target that is narrower than the new rows'
 * is widened (before on_schema_change, whatever the mode).
 */
export function columnsToWiden(source: Column[], target: Column[]): { name: string; to: string }[] {
  const sourceByName = new Map(source.map((c) => [key(c.name), c]));
  return target.flatMap((t) => {
    const s = sourceByName.get(key(t.name));
    const tm = VARCHAR.exec(t.dataType.trim());
    const sm = s && VARCHAR.exec(s.dataType.trim());
    return tm && sm && Number(sm[2]) > Number(tm[2]) ? [{ name: t.name, to: s.dataType }] : [];
  });
}

/** Compare the new rows' columns with the target's (names case-insensitively, types as the engine names them). */
export function diffSchemas(source: Column[], target: Column[]): SchemaDiff {
  const targetByName = new Map(target.map((c) => [key(c.name), c]));
  const sourceByName = new Map(source.map((c) => [key(c.name), c]));
  const sourceNotInTarget = source.filter((c) => !targetByName.has(key(c.name)));
  const targetNotInSource = target.filter((c) => !sourceByName.has(key(c.name)));
  const newTargetTypes = source.flatMap((c) => {
    const t = targetByName.get(key(c.name));
    return t && norm(t.dataType) !== norm(c.dataType)
      ? [{ name: t.name, from: t.dataType, to: c.dataType }]
      : [];
  });
  return {
    sourceNotInTarget,
    targetNotInSource,
    newTargetTypes,
    changed: sourceNotInTarget.length + targetNotInSource.length + newTargetTypes.length > 0,
  };
}

export interface SchemaChangePlan {
  /** ALTER TABLE statements to run before the strategy's DML. */
  sql: string[];
  /** The columns the strategy writes. */
  destColumns: Column[];
  diff: SchemaDiff;
}

function failMessage(diff: SchemaDiff): string {
  const names = (cols: Column[]) => `[${cols.map((c) => `'${c.name}'`).join(', ')}]`;
  const types = diff.newTargetTypes.map((t) => `{'column_name': '${t.name}', 'new_type': '${t.to}'}`);
  return [
    'The source and target schemas on this incremental model are out of sync!',
    'They can be reconciled in several ways:',
    '  - set the `on_schema_change` config to either append_new_columns or sync_all_columns, depending on your situation.',
    '  - Re-run the incremental model with `full_refresh: True` to update the target schema.',
    '  - update the schema manually and re-run the process.',
    '',
    'Additional troubleshooting context:',
    `   Source columns not in target: ${names(diff.sourceNotInTarget)}`,
    `   Target columns not in source: ${names(diff.targetNotInSource)}`,
    `   New column types: [${types.join(', ')}]`,
  ].join('\n');
}

/**
 * dbt's on_schema_change on an incremental run. `ignore` writes the target's columns (new ones are dropped);
 * `fail` stops with a Compilation Error listing the differences; `append_new_columns` adds new columns (never
 * drops); `sync_all_columns` adds, drops and re-types. The other modes write the new rows' columns, so a
 * column missing from them stays NULL. Old rows are never backfilled.
 */
export function planSchemaChange(
  dialect: SqlDialect,
  target: Relation,
  mode: OnSchemaChange,
  source: Column[],
  targetColumns: Column[],
): SchemaChangePlan {
  const table = dialect.render(target);
  const widen = columnsToWiden(source, targetColumns);
  const widened = new Map(widen.map((w) => [key(w.name), w.to]));
  const sql = widen.map((w) => `ALTER TABLE ${table} ALTER COLUMN ${dialect.quote(w.name)} TYPE ${w.to}`);
  const current = targetColumns.map((c) => ({ ...c, dataType: widened.get(key(c.name)) ?? c.dataType }));
  const diff = diffSchemas(source, current);
  if (mode === 'ignore') return { sql, destColumns: current, diff };
  if (!diff.changed) return { sql, destColumns: source, diff };
  if (mode === 'fail') throw new MaterializationError('Compilation Error', failMessage(diff));
  for (const c of diff.sourceNotInTarget)
    sql.push(`ALTER TABLE ${table} ADD COLUMN ${dialect.quote(c.name)} ${c.dataType}`);
  if (mode === 'sync_all_columns') {
    for (const c of diff.targetNotInSource)
      sql.push(`ALTER TABLE ${table} DROP COLUMN ${dialect.quote(c.name)}`);
    for (const t of diff.newTargetTypes) {
      const col = dialect.quote(t.name);
      sql.push(`ALTER TABLE ${table} ALTER COLUMN ${col} TYPE ${t.to} USING CAST(${col} AS ${t.to})`);
    }
  }
  return { sql, destColumns: source, diff };
}
