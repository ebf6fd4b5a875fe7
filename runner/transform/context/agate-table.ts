import type { Column } from '../adapters/adapter';

/**
 * A query result shaped like the agate table dbt returns from `run_query`: `rows` (each row indexable by
 * position and by column name), `columns` (with `name` and `values()`), `column_names`, `print_table()`.
 */
export function agateTable(columns: Column[], rows: Record<string, unknown>[]) {
  const names = columns.map((c) => c.name);
  const rowValues = rows.map((r) => {
    const values: unknown[] = names.map((n) => r[n]);
    const row = Object.assign([...values], r, {
      values: () => values,
      keys: () => names,
      items: () => names.map((n, i) => [n, values[i]]),
      get: (k: string, d: unknown = null) => (k in r ? r[k] : d),
    });
    return row;
  });
  return {
    rows: rowValues,
    columns: columns.map((c, i) => ({
      name: c.name,
      data_type: c.dataType,
      values: () => rowValues.map((r) => r[i]),
    })),
    column_names: names,
    column_types: columns.map((c) => c.dataType),
    length: rowValues.length,
    print_table: () => '',
    [Symbol.iterator]: function* () {
      yield* rowValues;
    },
  };
}
