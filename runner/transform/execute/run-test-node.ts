import { compileNode } from '../compile/compile-node';
import type { ManifestNode } from '../parse/manifest-types';
import { databaseAnswers } from './database-answers';
import type { Invocation } from './invocation';
import type { NodeResult } from './node-result';
import { errorResult } from './run-node';
import { formatRows } from './format-rows';
import { sqlFilePath, writeSqlFile } from './write-sql-file';

/** The query dbt wraps a test in: one row with the failure count and the warn / error verdicts. */
export function testWrapperSql(mainSql: string, config: ManifestNode['config']): string {
  const failCalc = String(config.fail_calc ?? 'count(*)');
  const limit = config.limit !== null && config.limit !== undefined ? `\nlimit ${Number(config.limit)}` : '';
  return [
    'select',
    `  ${failCalc} as failures,`,
    `  case when ${failCalc} ${String(config.warn_if ?? '!= 0')} then true else false end as should_warn,`,
    `  case when ${failCalc} ${String(config.error_if ?? '!= 0')} then true else false end as should_error`,
    'from (',
    `${mainSql.trim()}${limit}`,
    ') dbt_internal_test',
  ].join('\n');
}

/** Run one data test: pass, warn or fail by severity and thresholds; a failure shows its first rows. */
export async function runTestNode(inv: Invocation, node: ManifestNode, thread: number): Promise<NodeResult> {
  const started = new Date();
  const timing: NodeResult['timing'] = [];
  let compiled: string | null = null;
  try {
    const answer = databaseAnswers(inv.adapter);
    compiled = (await compileNode(inv.session, node, { isIncremental: false, answer })).sql;
    writeSqlFile(
      sqlFilePath(inv.session, node, 'compiled'),
      compiled,
      inv.prettyPrint,
      inv.session.target.type,
    );
    timing.push({
      name: 'compile',
      started_at: started.toISOString(),
      completed_at: new Date().toISOString(),
    });
    const execStart = new Date();
    const wrapped = testWrapperSql(compiled, node.config);
    writeSqlFile(sqlFilePath(inv.session, node, 'run'), wrapped, false, inv.session.target.type);
    const r = await inv.adapter.execute(wrapped);
    const row = r.rows[0] ?? { failures: 0, should_warn: false, should_error: false };
    const failures = Number(row.failures ?? 0);
    const truthy = (v: unknown) => v === true || v === 1 || v === 't' || v === 'true';
    const severity = String(node.config.severity ?? 'ERROR').toUpperCase();
    let status: NodeResult['status'] = 'pass';
    if (severity === 'ERROR' && truthy(row.should_error)) status = 'fail';
    else if (truthy(row.should_warn)) status = 'warn';
    let message: string | null = null;
    if (status !== 'pass') {
      const threshold = status === 'fail' ? node.config.error_if : node.config.warn_if;
      message = `Got ${failures} result${failures === 1 ? '' : 's'}, configured to ${status === 'fail' ? 'fail' : 'warn'} if ${String(threshold ?? '!= 0')}`;
      if (inv.failingRowsShown > 0) {
        const sample = await inv.adapter.execute(
          `select * from (\n${compiled}\n) dbt_failing_rows limit ${inv.failingRowsShown}`,
        );
        // printed with the failure, kept out of run_results.json (its message stays dbt's sentence)
        if (sample.rows.length) {
          inv.failingRows.set(
            node.unique_id,
            formatRows(
              sample.columns.map((c) => c.name),
              sample.rows,
            ),
          );
        }
      }
    }
    if ((node.config.store_failures ?? inv.storeFailures) && node.relation_name !== null) {
      await storeFailures(inv, node, compiled);
    }
    timing.push({
      name: 'execute',
      started_at: execStart.toISOString(),
      completed_at: new Date().toISOString(),
    });
    return {
      unique_id: node.unique_id,
      status,
      timing,
      thread_id: `Thread-${thread}`,
      execution_time: (Date.now() - started.getTime()) / 1000,
      adapter_response: { _message: 'OK', code: 'OK', rows_affected: r.rowsAffected },
      message,
      failures,
      compiled: true,
      compiled_code: compiled,
      relation_name: node.relation_name,
      batch_results: null,
    };
  } catch (e) {
    return errorResult(inv, node, e, started, timing, compiled, thread);
  }
}

/** `store_failures`: keep the failing rows in `<schema>_dbt_test__audit.<test>` (replaced on every run). */
async function storeFailures(inv: Invocation, node: ManifestNode, sql: string): Promise<void> {
  const a = inv.adapter;
  await a.createSchema(node.schema);
  const rel = { database: node.database ?? undefined, schema: node.schema, identifier: node.alias };
  const existing = await a.getRelation(node.schema, node.alias);
  await a.transaction(async (tx) => {
    if (existing)
      await tx.execute(`drop ${existing.type === 'view' ? 'view' : 'table'} if exists ${a.render(rel)}`);
    await tx.execute(`create table ${a.render(rel)} as\n${sql}`);
  });
}
