import { dbtContext } from '../context/dbt-context';
import { renderWithReplay } from '../compile/render-with-replay';
import type { ManifestNode } from '../parse/manifest-types';
import type { Invocation } from './invocation';
import { databaseAnswers } from './database-answers';

/** Render hook SQL (`pre_hook`, `post_hook`, `on-run-start`, `on-run-end`) with the node's context. */
export async function renderHooks(
  inv: Invocation,
  hooks: string[],
  node: ManifestNode | null,
  where: string,
  extra: Record<string, unknown> = {},
): Promise<string[]> {
  const out: string[] = [];
  const packageName = node?.package_name ?? inv.session.root.name;
  for (const hook of hooks) {
    const sql = await renderWithReplay(
      (replay) => {
        const ctx = dbtContext(inv.session.renderEnv, {
          node,
          packageName,
          execute: true,
          where,
          replay,
          extra,
        });
        return inv.session.engine.render(hook, ctx, { file: where, packageName });
      },
      databaseAnswers(inv.adapter),
      where,
    );
    if (sql.trim()) out.push(sql);
  }
  return out;
}
