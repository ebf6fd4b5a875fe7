import { UsageError } from '../../common/errors';
import { openAdapter as createAdapter } from '../execute/open-adapter';
import { compileNode } from '../compile/compile-node';
import { dbtContext } from '../context/dbt-context';
import { renderWithReplay } from '../compile/render-with-replay';
import { databaseAnswers } from '../execute/database-answers';
import { formatRows } from '../execute/format-rows';
import { manifestGraph } from '../graph/select-nodes';
import { isIncrementalRun } from '../materializations';
import { openSession } from './open-session';
import { selectForTask } from './select-for-task';
import type { TaskOptions } from './task-options';

/** `show`: run a model's query (or `--inline` SQL) and print its first rows (`--limit`, default 5). */
export async function showTask(opts: TaskOptions): Promise<number> {
  const { session } = openSession(opts, 'show');
  const limit = Number(opts.extra.limit ?? 5);
  if (!Number.isInteger(limit)) throw new UsageError('--limit must be an integer');
  const inline = opts.extra.inline as string | undefined;
  const adapter = await createAdapter(session.target, opts.logger);
  try {
    const answer = databaseAnswers(adapter);
    let sql: string;
    let label: string;
    if (inline !== undefined) {
      label = 'inline query';
      sql = await renderWithReplay(
        (replay) => {
          const ctx = dbtContext(session.renderEnv, {
            node: null,
            packageName: session.root.name,
            execute: true,
            where: '--inline',
            replay,
            ephemeralRefs: [],
          });
          return session.engine.render(inline, ctx, { file: '--inline', packageName: session.root.name });
        },
        answer,
        '--inline',
      );
    } else {
      const graph = manifestGraph(session.manifest);
      const selected = [...selectForTask(session, graph, opts, ['model', 'seed', 'snapshot', 'analysis'])];
      if (selected.length !== 1) {
        throw new UsageError(
          `show needs exactly one node (--select matched ${selected.length}) or --inline "<sql>"`,
        );
      }
      const node = session.manifest.nodes[selected[0]];
      label = node.name;
      if (node.resource_type === 'seed') sql = `select * from ${node.relation_name}`;
      else {
        const existing =
          node.config.materialized === 'incremental'
            ? await adapter.getRelation(node.schema, node.alias)
            : null;
        sql = (
          await compileNode(session, node, {
            isIncremental: isIncrementalRun(node.config, existing, false) && existing !== null,
            answer,
          })
        ).sql;
      }
    }
    const cut = limit >= 0 ? `\nlimit ${limit}` : '';
    const r = await adapter.execute(
      `select * from (\n${sql.trim().replace(/;\s*$/, '')}\n) as dbt_show${cut}`,
    );
    if (opts.extra.output === 'json')
      opts.out(JSON.stringify({ node: label, show: r.rows }, jsonSafe) + '\n');
    else
      opts.out(
        `Previewing ${label}:\n${formatRows(
          r.columns.map((c) => c.name),
          r.rows,
        )}\n`,
      );
  } finally {
    await adapter.close();
  }
  return 0;
}

function jsonSafe(_key: string, value: unknown): unknown {
  return typeof value === 'bigint' ? Number(value) : value;
}
