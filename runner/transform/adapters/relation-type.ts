/** information_schema's `table_type` as a relation type. */
export function relationTypeOf(tableType: string): 'table' | 'view' {
  return /VIEW/i.test(tableType) ? 'view' : 'table';
}
