import type { PipelineResult } from './run-pipeline';

/** The human summary `learnflow pipeline run` prints when it ends. */
export function formatPipelineResult(r: PipelineResult): string {
  const lines = [
    `pipeline run ${r.runId}${r.resumed ? ' (resumed)' : ''} ${r.status} in ${r.seconds.toFixed(1)}s`,
  ];
  for (const s of r.syncs)
    lines.push(
      `  sync ${s.connection}: ${s.reused ? 'done before the interruption' : s.status}, ${s.committed} committed` +
        (s.error ? ` — ${s.error}` : ''),
    );
  lines.push(`  transform: ${r.transform.status}${r.transform.message ? ` — ${r.transform.message}` : ''}`);
  for (const [model, rows] of Object.entries(r.built)) lines.push(`    ${model}: ${rows} rows`);
  lines.push(`  deliver: ${r.delivery.status}${r.delivery.message ? ` — ${r.delivery.message}` : ''}`);
  for (const [table, rows] of Object.entries(r.delivery.delivered))
    lines.push(`    ${table}: ${rows} written`);
  return lines.join('\n') + '\n';
}
