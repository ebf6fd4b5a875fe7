import path from 'node:path';
import type { DemoSummary } from './run-demo';

function table(rows: { table: string; rows: number }[], indent = '  '): string[] {
  const width = Math.max(0, ...rows.map((r) => r.table.length));
  return rows.map((r) => `${indent}${r.table.padEnd(width)}  ${String(r.rows).padStart(7)}`);
}

/** What went to OpenSearch this run (documents written per alias), and what it holds now. */
function openSearchLines(s: DemoSummary): string[] {
  const written = Object.entries(s.pipeline.delivery.delivered)
    .filter(([k]) => k.startsWith('opensearch:'))
    .map(([k, n]) => ({ table: k.slice('opensearch:'.length), rows: n }));
  const total = written.reduce((a, w) => a + w.rows, 0);
  const lines = [
    '',
    `OpenSearch (${s.opensearchUrl}): ` +
      (written.length
        ? `${total} document(s) written this run (indexed, updated or deleted), to ${written.length} alias(es)`
        : 'nothing new written this run'),
  ];
  const held = s.opensearch?.aliases ?? [];
  if (s.opensearch?.error) lines.push(`  could not read it back: ${s.opensearch.error}`);
  else if (held.length)
    lines.push(
      'It now holds (documents per alias):',
      ...table(held.map((a) => ({ table: a.alias, rows: a.documents }))),
    );
  else lines.push('It holds no learnflow_demo_* index yet (no Learn resources were delivered).');
  return lines;
}

/** What `npm run demo` prints at the end: what landed, what was built and delivered, and where to look. */
export function formatDemoSummary(s: DemoSummary, cwd: string): string {
  const p = s.pipeline;
  const rel = (f: string) => path.relative(cwd, f) || f;
  const lines: string[] = [
    '',
    `learnflow demo: pipeline run ${p.runId} ${p.status} in ${s.seconds.toFixed(1)}s`,
    '',
  ];
  const synced = p.syncs.reduce((a, x) => a + x.committed, 0);
  lines.push(`Synced ${p.syncs.length} connection(s), ${synced} record(s) committed to the lakehouse:`);
  for (const x of p.syncs)
    lines.push(
      `  ${x.connection.padEnd(16)} ${x.status.padEnd(9)} ${String(x.committed).padStart(6)}` +
        `${x.reused ? '  (kept from the interrupted run)' : ''}${x.error ? `  ${x.error}` : ''}`,
    );
  lines.push('', `Transform: ${p.transform.status}${p.transform.message ? ` — ${p.transform.message}` : ''}`);
  if (s.marts.length) lines.push('Rows per mart (the Learn tables, in the lakehouse):', ...table(s.marts));
  else lines.push('No Learn tables in the lakehouse yet (the project builds none in this checkout).');
  const schemas = new Map<string, { tables: number; rows: number }>();
  for (const m of s.models) {
    const schema = m.table.split('.')[0];
    const e = schemas.get(schema) ?? { tables: 0, rows: 0 };
    schemas.set(schema, { tables: e.tables + 1, rows: e.rows + m.rows });
  }
  if (schemas.size)
    lines.push(
      `Also built: ${[...schemas].map(([schema, e]) => `${schema} (${e.tables} tables, ${e.rows} rows)`).join(', ')}`,
    );
  lines.push('', `Delivery: ${p.delivery.status}${p.delivery.message ? ` — ${p.delivery.message}` : ''}`);
  const delivered = Object.entries(p.delivery.delivered);
  if (delivered.length) {
    lines.push('Written this run:');
    for (const [k, n] of delivered) lines.push(`  ${k}  ${n}`);
  }
  const filled = s.appTables.filter((t) => t.rows > 0);
  if (filled.length)
    lines.push(
      `App database (PostgreSQL) now holds (${s.appTables.length - filled.length} more tables empty):`,
      ...table(filled),
    );
  if (s.opensearchUrl) lines.push(...openSearchLines(s));
  const cfg = rel(s.configFile);
  lines.push(
    '',
    'Look at the results:',
    `  ./bin/learnflow status --config ${cfg}          # last run of every connection, stream, model, delivery`,
    `  ./bin/learnflow runs --config ${cfg}            # pipeline runs and their steps`,
    `  ./bin/learnflow lakehouse history --config ${cfg}`,
    `  LEARNFLOW_DUCKDB_PATH=${rel(s.lakehouseFile)} ./bin/learnflow transform show --project-dir transforms/learn \\`,
    `      --inline "select etl_source, resource_type, count(*) from learning_resource group by all"`,
    '  npm run demo -- --keep-running                  # keep the app PostgreSQL up and print its psql URL',
    '  npm run demo                                    # again: nothing changed upstream, nothing rebuilt or delivered',
    '',
  );
  return lines.join('\n');
}
