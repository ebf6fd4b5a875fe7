import { openAdapter as createAdapter } from '../execute/open-adapter';
import { writeArtifact } from '../artifacts/write-artifact';
import { compileNode } from '../compile/compile-node';
import { databaseAnswers } from '../execute/database-answers';
import { isIncrementalRun } from '../materializations';
import { manifestGraph } from '../graph/select-nodes';
import { flushSqlFiles, prettySql, sqlFilePath, writeSqlFile } from '../execute/write-sql-file';
import { describeError } from '../../common/errors';
import { openSession } from './open-session';
import { selectForTask } from './select-for-task';
import type { TaskOptions } from './task-options';

/**
 * `compile`: render every selected model, test, snapshot and analysis and write the SQL, pretty-printed, to
 * target/compiled/<project>/<path>. The database is opened only to answer `is_incremental()` and
 * render-time queries.
 */
export async function compileTask(opts: TaskOptions): Promise<number> {
  const { session } = openSession(opts, 'compile');
  const graph = manifestGraph(session.manifest);
  const selected = selectForTask(session, graph, opts, ['model', 'test', 'snapshot', 'analysis']);
  const order = graph.topologicalOrder().filter((id) => selected.has(id));
  const primary = order.filter((id) => session.manifest.nodes[id]?.resource_type !== 'test');
  const printOne = opts.select.length > 0 && primary.length === 1 ? primary[0] : undefined;
  const adapter = await createAdapter(session.target, opts.logger);
  let failures = 0;
  try {
    const answer = databaseAnswers(adapter);
    for (const id of order) {
      const node = session.manifest.nodes[id];
      try {
        let incremental = false;
        if (node.config.materialized === 'incremental') {
          const existing = await adapter.getRelation(node.schema, node.alias);
          incremental = isIncrementalRun(node.config, existing, opts.fullRefresh);
        }
        const { sql } = await compileNode(session, node, { isIncremental: incremental, answer });
        const file = sqlFilePath(session, node, 'compiled');
        writeSqlFile(file, sql, true, session.target.type);
        (node as { compiled_code?: string }).compiled_code = sql;
        (node as { compiled?: boolean }).compiled = true;
        node.compiled_path = file;
        if (id === printOne) opts.out(prettySql(sql, session.target.type) + '\n');
      } catch (e) {
        failures++;
        opts.logger.error(
          `Compilation failed for ${node.resource_type} ${node.name} (${node.original_file_path})\n  ${describeError(e).replace(/\n/g, '\n  ')}`,
        );
      }
    }
  } finally {
    await flushSqlFiles();
    await adapter.close();
  }
  writeArtifact(session.targetDir, 'manifest.json', session.manifest, opts.logger);
  opts.logger.info(
    `Compiled ${order.length - failures} of ${order.length} nodes into ${session.targetDir}/compiled`,
  );
  return failures ? 1 : 0;
}
