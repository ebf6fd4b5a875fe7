/** A column as templates see it (dbt's `api.Column`): name, quoted name, data type. */
export function columnValue(c: { name: string; dataType: string }) {
  return {
    name: c.name,
    column: c.name,
    quoted: `"${c.name}"`,
    data_type: c.dataType,
    dtype: c.dataType,
    toString: () => `<Column ${c.name} (${c.dataType})>`,
  };
}
