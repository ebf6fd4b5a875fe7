import type { Column } from '../../adapters/adapter';
import { MaterializationError } from '../materialization-error';
import type { SqlDialect } from '../plan';
import {
  DEST_ALIAS,
  SOURCE_ALIAS,
  insertFromTemp,
  keyMatch,
  predicateSql,
  type StrategyInput,
  type StrategyPlanner,
} from './strategy';

/** The columns a matched row updates: merge_update_columns, else all but merge_exclude_columns. */
export function mergeUpdateColumns(input: StrategyInput): Column[] {
  const byName = (names: string[]) => new Set(names.map((n) => n.toLowerCase()));
  if (input.mergeUpdateColumns?.length) {
    const wanted = byName(input.mergeUpdateColumns);
    const missing = input.mergeUpdateColumns.filter(
      (n) => !input.destColumns.some((c) => c.name.toLowerCase() === n.toLowerCase()),
    );
    if (missing.length)
      throw new MaterializationError(
        'Compilation Error',
        `merge_update_columns names unknown columns: ${missing.join(', ')}`,
      );
    return input.destColumns.filter((c) => wanted.has(c.name.toLowerCase()));
  }
  const excluded = byName(input.mergeExcludeColumns ?? []);
  return input.destColumns.filter((c) => !excluded.has(c.name.toLowerCase()));
}

function mergeInto(dialect: SqlDialect, input: StrategyInput): string {
  const cols = input.destColumns.map((c) => dialect.quote(c.name));
  const on = input.uniqueKey.length
    ? `(${keyMatch(dialect, input.uniqueKey)})${predicateSql(dialect, input)}`
    : 'FALSE';
  const updates = mergeUpdateColumns(input).map(
    (c) => `${dialect.quote(c.name)} = ${SOURCE_ALIAS}.${dialect.quote(c.name)}`,
  );
  const lines = [
    `MERGE INTO ${dialect.render(input.target)} AS ${DEST_ALIAS}`,
    `USING ${dialect.render(input.temp)} AS ${SOURCE_ALIAS}`,
    `ON ${on}`,
  ];
  if (input.uniqueKey.length && updates.length)
    lines.push(`WHEN MATCHED THEN UPDATE SET\n  ${updates.join(',\n  ')}`);
  lines.push(
    `WHEN NOT MATCHED THEN INSERT (${cols.join(', ')})\n  VALUES (${cols.map((c) => `${SOURCE_ALIAS}.${c}`).join(', ')})`,
  );
  return lines.join('\n');
}

/** The same effect without MERGE: update the matched rows, then insert the unmatched ones. */
function updateThenInsert(dialect: SqlDialect, input: StrategyInput): string[] {
  if (!input.uniqueKey.length) return [insertFromTemp(dialect, input)];
  const target = dialect.render(input.target);
  const temp = dialect.render(input.temp);
  const match = `${keyMatch(dialect, input.uniqueKey)}${predicateSql(dialect, input, '  ')}`;
  const statements: string[] = [];
  const updates = mergeUpdateColumns(input).map(
    (c) => `${dialect.quote(c.name)} = ${SOURCE_ALIAS}.${dialect.quote(c.name)}`,
  );
  if (updates.length)
    statements.push(
      `UPDATE ${target} AS ${DEST_ALIAS}\nSET\n  ${updates.join(',\n  ')}\nFROM ${temp} AS ${SOURCE_ALIAS}\nWHERE ${match}`,
    );
  const cols = input.destColumns.map((c) => dialect.quote(c.name));
  statements.push(
    `INSERT INTO ${target} (${cols.join(', ')})\nSELECT ${cols.map((c) => `${SOURCE_ALIAS}.${c}`).join(', ')}\n` +
      `FROM ${temp} AS ${SOURCE_ALIAS}\nWHERE NOT EXISTS (\n  SELECT 1 FROM ${target} AS ${DEST_ALIAS}\n  WHERE ${match}\n)`,
  );
  return statements;
}

/**
 * merge: MERGE INTO on the key (null-safe; incremental predicates join the ON clause and must qualify the
 * target as DBT_INTERNAL_DEST), or UPDATE + INSERT where the engine has no MERGE. Without a key every
 * row is inserted.
 */
export const planMerge: StrategyPlanner = (dialect, input) =>
  dialect.capabilities.supportsMerge ? [mergeInto(dialect, input)] : updateThenInsert(dialect, input);
