/** A small text table of query rows, for logs (failing test rows, `show`). */
export function formatRows(columns: string[], rows: Record<string, unknown>[], maxWidth = 40): string {
  const cell = (v: unknown): string => {
    let s =
      v === null || v === undefined
        ? 'null'
        : v instanceof Date
          ? v.toISOString()
          : typeof v === 'object'
            ? JSON.stringify(v)
            : String(v);
    if (s.length > maxWidth) s = `${s.slice(0, maxWidth - 1)}…`;
    return s;
  };
  const table = rows.map((r) => columns.map((c) => cell(r[c])));
  const widths = columns.map((c, i) => Math.max(c.length, ...table.map((row) => row[i].length)));
  const line = (cells: string[]) => `| ${cells.map((c, i) => c.padEnd(widths[i])).join(' | ')} |`;
  const sep = `| ${widths.map((w) => '-'.repeat(w)).join(' | ')} |`;
  return [line(columns), sep, ...table.map(line)].join('\n');
}
