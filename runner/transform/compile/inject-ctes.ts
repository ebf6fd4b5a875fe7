/**
 * Put ephemeral models in front of a query as CTEs, as dbt does: into the query's own leading `with`
 * when it has one, otherwise as a new `with` clause.
 */
export function injectCtes(sql: string, ctes: { name: string; sql: string }[]): string {
  if (!ctes.length) return sql;
  const defs = ctes.map((c) => `${c.name} as (\n${c.sql.trim()}\n)`).join(',\n');
  const lead = leadingWith(sql);
  if (lead !== undefined)
    return `${sql.slice(0, lead.start)}with ${defs},\n${sql.slice(lead.end).replace(/^\s*/, '')}`;
  return `with ${defs}\n${sql}`;
}

/** The position of a leading `with` keyword (after comments and whitespace), when the query starts with one. */
function leadingWith(sql: string): { start: number; end: number } | undefined {
  let i = 0;
  while (i < sql.length) {
    if (/\s/.test(sql[i])) i++;
    else if (sql.startsWith('--', i)) {
      const nl = sql.indexOf('\n', i);
      i = nl < 0 ? sql.length : nl + 1;
    } else if (sql.startsWith('/*', i)) {
      const end = sql.indexOf('*/', i);
      i = end < 0 ? sql.length : end + 2;
    } else break;
  }
  const m = /^with\b(\s+recursive\b)?/i.exec(sql.slice(i));
  if (!m || m[1]) return undefined;
  return { start: i, end: i + m[0].length };
}
