import type { Adapter, Column } from '../adapters/adapter';
import { cleanSelect } from './relation-sql';

/** The columns a SELECT returns, without reading any row (dbt's `get_columns_in_query`). */
export async function columnsInQuery(adapter: Pick<Adapter, 'execute'>, sql: string): Promise<Column[]> {
  const result = await adapter.execute(`SELECT * FROM (\n${cleanSelect(sql)}\n) AS dbt_sbq WHERE 1 = 0`);
  return result.columns;
}
