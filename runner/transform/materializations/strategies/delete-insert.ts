import {
  DEST_ALIAS,
  SOURCE_ALIAS,
  insertFromTemp,
  isPlainIdentifier,
  keyMatch,
  predicateSql,
  type StrategyPlanner,
} from './strategy';

/**
 * delete+insert: delete the target rows whose key (matched null-safely) is among the new rows, restricted by
 * the incremental predicates (which see the target's columns unqualified, or as DBT_INTERNAL_DEST), then
 * insert every new row. A key written as an expression is matched with `IN`, as dbt does.
 */
export const planDeleteInsert: StrategyPlanner = (dialect, input) => {
  if (!input.uniqueKey.length) return [insertFromTemp(dialect, input)];
  const target = dialect.render(input.target);
  const temp = dialect.render(input.temp);
  const plain = input.uniqueKey.every(isPlainIdentifier);
  const match = plain
    ? `EXISTS (\n  SELECT 1 FROM ${temp} AS ${SOURCE_ALIAS}\n  WHERE ${keyMatch(dialect, input.uniqueKey)}\n)`
    : `(${input.uniqueKey.join(', ')}) IN (\n  SELECT ${input.uniqueKey.join(', ')} FROM ${temp}\n)`;
  const del = `DELETE FROM ${target} AS ${DEST_ALIAS}\nWHERE ${match}${predicateSql(dialect, input)}`;
  return [del, insertFromTemp(dialect, input)];
};
