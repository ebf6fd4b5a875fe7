import type { Column, Relation } from '../adapters/adapter';
import type { NodeConfig } from './materialization';
import { MaterializationError } from './materialization-error';
import type { SqlDialect } from './plan';
import { cleanSelect } from './relation-sql';
import { normalizeUniqueKey } from './unique-key';
import { grantSql } from './table-extras';

/** The meta columns, renameable with `snapshot_meta_column_names`. */
export interface SnapshotMetaNames {
  dbt_scd_id: string;
  dbt_updated_at: string;
  dbt_valid_from: string;
  dbt_valid_to: string;
  dbt_is_deleted: string;
}

/** Everything the snapshot SQL is written from (all known before planning). */
export interface SnapshotSpec {
  dialect: SqlDialect;
  target: Relation;
  sql: string;
  keys: string[];
  keyAliases: string[];
  /** The model's updated_at expression: the configured column, or "now" for the check strategy. */
  updatedAt: string;
  now: string;
  /** Row changed, written over `snapshotted_data` and `source_data`. */
  rowChanged: string;
  meta: SnapshotMetaNames;
  /** The expression current rows carry in dbt_valid_to (`dbt_valid_to_current`), or null for NULL. */
  validToCurrent: string | null;
  hardDeletes: 'ignore' | 'invalidate' | 'new_record';
  queryColumns: string[];
  targetColumns: Column[];
  /** GRANT statements from the `grants` config (engines with privileges). */
  grants: string[];
}

const META_DEFAULTS: SnapshotMetaNames = {
  dbt_scd_id: 'dbt_scd_id',
  dbt_updated_at: 'dbt_updated_at',
  dbt_valid_from: 'dbt_valid_from',
  dbt_valid_to: 'dbt_valid_to',
  dbt_is_deleted: 'dbt_is_deleted',
};

function hardDeletesOf(config: NodeConfig): SnapshotSpec['hardDeletes'] {
  const mode = config.hard_deletes ?? (config.invalidate_hard_deletes ? 'invalidate' : 'ignore');
  if (!['ignore', 'invalidate', 'new_record'].includes(mode))
    throw new MaterializationError(
      'Compilation Error',
      `invalid hard_deletes '${mode}': expected ignore, invalidate or new_record`,
    );
  return mode;
}

/** Check a snapshot's config and work out its expressions. */
export function snapshotSpec(
  dialect: SqlDialect,
  target: Relation,
  sql: string,
  config: NodeConfig,
  queryColumns: string[],
  targetColumns: Column[],
  model: string,
): SnapshotSpec {
  const keys = normalizeUniqueKey(config.unique_key);
  if (!keys.length)
    throw new MaterializationError('Compilation Error', `snapshot ${model} needs a unique_key`);
  const keyAliases = keys.length === 1 ? ['dbt_unique_key'] : keys.map((_, i) => `dbt_unique_key_${i + 1}`);
  const now = dialect.capabilities.snapshotTimeSql ?? 'CURRENT_TIMESTAMP';
  const meta = {
    ...META_DEFAULTS,
    ...((config.snapshot_meta_column_names as Partial<SnapshotMetaNames>) ?? {}),
  };
  const q = (n: string) => dialect.quote(n);
  const strategy = config.strategy;
  let updatedAt: string;
  let rowChanged: string;
  if (strategy === 'timestamp') {
    if (!config.updated_at)
      throw new MaterializationError(
        'Compilation Error',
        `snapshot ${model} uses the timestamp strategy and needs updated_at`,
      );
    updatedAt = config.updated_at;
    rowChanged = `(snapshotted_data.${q(meta.dbt_valid_from)} < source_data.${config.updated_at})`;
  } else if (strategy === 'check') {
    updatedAt = config.updated_at ?? now;
    const checkCols = config.check_cols;
    if (!checkCols)
      throw new MaterializationError(
        'Compilation Error',
        `snapshot ${model} uses the check strategy and needs check_cols`,
      );
    const inTarget = new Set(targetColumns.map((c) => c.name.toLowerCase()));
    const newColumn = targetColumns.length > 0 && queryColumns.some((c) => !inTarget.has(c.toLowerCase()));
    const cols =
      checkCols === 'all'
        ? queryColumns
        : checkCols.map((c) => {
            const found = queryColumns.find((n) => n.toLowerCase() === c.toLowerCase());
            if (!found)
              throw new MaterializationError(
                'Compilation Error',
                `check_cols column "${c}" is not in the result of ${model}`,
              );
            return found;
          });
    rowChanged =
      checkCols === 'all' && newColumn
        ? 'TRUE'
        : `(${cols.map((c) => `snapshotted_data.${q(c)} IS DISTINCT FROM source_data.${q(c)}`).join('\n      OR ')})`;
  } else {
    throw new MaterializationError(
      'Compilation Error',
      `snapshot ${model} has strategy '${String(strategy)}': expected 'timestamp' or 'check'`,
    );
  }
  const current = config.dbt_valid_to_current;
  return {
    dialect,
    target,
    sql,
    keys,
    keyAliases,
    updatedAt,
    now,
    rowChanged,
    meta,
    validToCurrent: typeof current === 'string' && current ? current : null,
    hardDeletes: hardDeletesOf(config),
    queryColumns,
    targetColumns,
    grants: grantSql(dialect, target, config),
  };
}

/** dbt's scd id: md5 of the key parts and the timestamp, each cast to varchar, NULL as '', joined by '|'. */
export function scdHash(parts: string[]): string {
  return `md5(${parts.map((p) => `coalesce(cast(${p} as varchar), '')`).join(` || '|' || `)})`;
}

function currentValidTo(spec: SnapshotSpec, ts: string): string {
  const nothing = `nullif(${ts}, ${ts})`;
  return spec.validToCurrent ? `coalesce(${nothing}, ${spec.validToCurrent})` : nothing;
}

/** Rows still current in the snapshot table. */
function isCurrent(spec: SnapshotSpec, alias: string): string {
  const col = `${alias}.${spec.dialect.quote(spec.meta.dbt_valid_to)}`;
  return spec.validToCurrent ? `(${col} IS NULL OR ${col} = ${spec.validToCurrent})` : `${col} IS NULL`;
}

/** The first build: the query's rows with the meta columns. */
export function snapshotFirstSelect(spec: SnapshotSpec): string {
  const q = (n: string) => spec.dialect.quote(n);
  const cols = [
    `${scdHash([...spec.keys, spec.updatedAt])} AS ${q(spec.meta.dbt_scd_id)}`,
    `${spec.updatedAt} AS ${q(spec.meta.dbt_updated_at)}`,
    `${spec.updatedAt} AS ${q(spec.meta.dbt_valid_from)}`,
    `${currentValidTo(spec, spec.updatedAt)} AS ${q(spec.meta.dbt_valid_to)}`,
  ];
  if (spec.hardDeletes === 'new_record') cols.push(`'False' AS ${q(spec.meta.dbt_is_deleted)}`);
  return `SELECT sbq.*,\n  ${cols.join(',\n  ')}\nFROM (\n${cleanSelect(spec.sql)}\n) AS sbq`;
}

/** The staging query: one row per insert, update (close a version) or delete, dbt's snapshot_staging_table. */
export function snapshotStagingSelect(spec: SnapshotSpec): string {
  const q = (n: string) => spec.dialect.quote(n);
  const { meta, keyAliases } = spec;
  const target = spec.dialect.render(spec.target);
  const keysAs = spec.keys.map((k, i) => `${k} AS ${keyAliases[i]}`).join(', ');
  const join = (a: string, b: string) => keyAliases.map((k) => `${a}.${k} = ${b}.${k}`).join(' AND ');
  const firstKey = keyAliases[0];
  const T = spec.updatedAt;
  const hasDeletedCol = spec.targetColumns.some(
    (c) => c.name.toLowerCase() === meta.dbt_is_deleted.toLowerCase(),
  );
  const newRecord = spec.hardDeletes === 'new_record';
  const wasDeleted =
    newRecord && hasDeletedCol ? `snapshotted_data.${q(meta.dbt_is_deleted)} = 'True'` : null;
  const notDeleted = wasDeleted ? `\n    AND (${wasDeleted}) IS NOT TRUE` : '';
  const qcols = (alias: string) => spec.queryColumns.map((c) => `${alias}.${q(c)}`).join(', ');
  const keyCols = (alias: string) => keyAliases.map((k) => `${alias}.${k}`).join(', ');
  const deletedFlag = newRecord ? `, 'False' AS dbt_is_deleted` : '';

  const ctes: string[] = [
    `snapshot_query AS (\n${cleanSelect(spec.sql)}\n)`,
    `snapshotted_data AS (\n  SELECT *, ${keysAs}\n  FROM ${target} AS dbt_snapshot_target\n  WHERE ${isCurrent(spec, 'dbt_snapshot_target')}\n)`,
    `insertions_source_data AS (\n  SELECT *, ${keysAs},\n    ${T} AS dbt_updated_at,\n    ${T} AS dbt_valid_from,\n` +
      `    ${currentValidTo(spec, T)} AS dbt_valid_to,\n    ${scdHash([...spec.keys, T])} AS dbt_scd_id\n  FROM snapshot_query\n)`,
    `updates_source_data AS (\n  SELECT *, ${keysAs},\n    ${T} AS dbt_updated_at,\n    ${T} AS dbt_valid_from,\n` +
      `    ${T} AS dbt_valid_to\n  FROM snapshot_query\n)`,
  ];
  if (spec.hardDeletes !== 'ignore')
    ctes.push(`deletes_source_data AS (\n  SELECT *, ${keysAs}\n  FROM snapshot_query\n)`);
  ctes.push(
    `insertions AS (\n  SELECT 'insert' AS dbt_change_type, ${qcols('source_data')}, ${keyCols('source_data')},\n` +
      `    source_data.dbt_updated_at, source_data.dbt_valid_from, source_data.dbt_valid_to, source_data.dbt_scd_id${deletedFlag}\n` +
      `  FROM insertions_source_data AS source_data\n` +
      `  LEFT OUTER JOIN snapshotted_data ON ${join('snapshotted_data', 'source_data')}\n` +
      `  WHERE snapshotted_data.${firstKey} IS NULL\n` +
      `    OR (snapshotted_data.${firstKey} IS NOT NULL AND (${spec.rowChanged}${wasDeleted ? ` OR ${wasDeleted}` : ''}))\n)`,
    `updates AS (\n  SELECT 'update' AS dbt_change_type, ${qcols('source_data')}, ${keyCols('source_data')},\n` +
      `    source_data.dbt_updated_at, source_data.dbt_valid_from, source_data.dbt_valid_to, snapshotted_data.${q(meta.dbt_scd_id)} AS dbt_scd_id${deletedFlag}\n` +
      `  FROM updates_source_data AS source_data\n` +
      `  JOIN snapshotted_data ON ${join('snapshotted_data', 'source_data')}\n` +
      `  WHERE (${spec.rowChanged}${wasDeleted ? ` OR ${wasDeleted}` : ''})\n)`,
  );
  const parts = ['insertions', 'updates'];
  if (spec.hardDeletes !== 'ignore') {
    ctes.push(
      `deletes AS (\n  SELECT 'delete' AS dbt_change_type, ${qcols('source_data')}, ${keyCols('source_data')},\n` +
        `    ${spec.now} AS dbt_updated_at, ${spec.now} AS dbt_valid_from, ${spec.now} AS dbt_valid_to, snapshotted_data.${q(meta.dbt_scd_id)} AS dbt_scd_id${deletedFlag}\n` +
        `  FROM snapshotted_data\n` +
        `  LEFT JOIN deletes_source_data AS source_data ON ${join('snapshotted_data', 'source_data')}\n` +
        `  WHERE source_data.${firstKey} IS NULL${notDeleted}\n)`,
    );
    parts.push('deletes');
  }
  if (newRecord) {
    ctes.push(
      `deletion_records AS (\n  SELECT 'insert' AS dbt_change_type, ${qcols('snapshotted_data')}, ${keyCols('snapshotted_data')},\n` +
        `    ${spec.now} AS dbt_updated_at, ${spec.now} AS dbt_valid_from, ${currentValidTo(spec, spec.now)} AS dbt_valid_to,\n` +
        `    ${scdHash([...keyAliases.map((k) => `snapshotted_data.${k}`), spec.now])} AS dbt_scd_id, 'True' AS dbt_is_deleted\n` +
        `  FROM snapshotted_data\n` +
        `  LEFT JOIN deletes_source_data AS source_data ON ${join('snapshotted_data', 'source_data')}\n` +
        `  WHERE source_data.${firstKey} IS NULL${notDeleted}\n)`,
    );
    parts.push('deletion_records');
  }
  return `WITH ${ctes.join(',\n')}\n${parts.map((p) => `SELECT * FROM ${p}`).join('\nUNION ALL\n')}`;
}

/** Close the changed and deleted versions, then insert the new ones (one transaction). */
export function snapshotApplySql(spec: SnapshotSpec, staging: Relation, stagingColumns: Column[]): string[] {
  const q = (n: string) => spec.dialect.quote(n);
  const { meta } = spec;
  const target = spec.dialect.render(spec.target);
  const stage = spec.dialect.render(staging);
  const inTarget = new Set(spec.targetColumns.map((c) => c.name.toLowerCase()));
  const typeOf = (name: string) =>
    stagingColumns.find((c) => c.name.toLowerCase() === name.toLowerCase())?.dataType ??
    spec.dialect.capabilities.seedTypes.text;
  const sql: string[] = [];
  for (const c of spec.queryColumns)
    if (!inTarget.has(c.toLowerCase())) sql.push(`ALTER TABLE ${target} ADD COLUMN ${q(c)} ${typeOf(c)}`);
  const newRecord = spec.hardDeletes === 'new_record';
  if (newRecord && !inTarget.has(meta.dbt_is_deleted.toLowerCase()))
    sql.push(
      `ALTER TABLE ${target} ADD COLUMN ${q(meta.dbt_is_deleted)} ${spec.dialect.capabilities.seedTypes.text}`,
    );
  sql.push(
    `UPDATE ${target} AS DBT_INTERNAL_TARGET\nSET ${q(meta.dbt_valid_to)} = DBT_INTERNAL_SOURCE.dbt_valid_to\n` +
      `FROM ${stage} AS DBT_INTERNAL_SOURCE\n` +
      `WHERE DBT_INTERNAL_SOURCE.dbt_scd_id = DBT_INTERNAL_TARGET.${q(meta.dbt_scd_id)}\n` +
      `  AND DBT_INTERNAL_SOURCE.dbt_change_type IN ('update', 'delete')\n` +
      `  AND ${isCurrent(spec, 'DBT_INTERNAL_TARGET')}`,
  );
  const targetCols = [
    ...spec.queryColumns.map(q),
    q(meta.dbt_scd_id),
    q(meta.dbt_updated_at),
    q(meta.dbt_valid_from),
    q(meta.dbt_valid_to),
    ...(newRecord ? [q(meta.dbt_is_deleted)] : []),
  ];
  const sourceCols = [
    ...spec.queryColumns.map(q),
    'dbt_scd_id',
    'dbt_updated_at',
    'dbt_valid_from',
    'dbt_valid_to',
    ...(newRecord ? ['dbt_is_deleted'] : []),
  ];
  sql.push(
    `INSERT INTO ${target} (${targetCols.join(', ')})\nSELECT ${sourceCols.join(', ')}\nFROM ${stage}\nWHERE dbt_change_type = 'insert'`,
  );
  return sql;
}
