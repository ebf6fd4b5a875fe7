import { dbtContext } from '../context/dbt-context';
import type { DatabaseAnswer, DatabaseRequest } from '../context/database-request';
import type { ProjectSession } from '../parse/project-session';
import type { ManifestNode } from '../parse/manifest-types';
import { CompilationError } from './compilation-error';
import { injectCtes } from './inject-ctes';
import { renderWithReplay } from './render-with-replay';

export interface CompileFacts {
  /** `is_incremental()` for this node. */
  isIncremental: boolean;
  /** Answers render-time database requests; absent for a pure compile. */
  answer?: (request: DatabaseRequest) => Promise<DatabaseAnswer>;
}

export interface CompiledNode {
  sql: string;
  /** Nodes and sources the rendered SQL used (compared with the parse-time dependencies). */
  used: Set<string>;
}

/** Render one node with execute=True: refs resolved, ephemeral models injected as CTEs. */
export async function compileNode(
  session: ProjectSession,
  node: ManifestNode,
  facts: CompileFacts,
): Promise<CompiledNode> {
  const used = new Set<string>();
  const ephemerals: string[] = [];
  const sql = await renderNode(session, node, facts, ephemerals, used);
  const ctes: { name: string; sql: string }[] = [];
  const done = new Set<string>();
  const addCte = async (id: string, stack: string[]): Promise<void> => {
    if (done.has(id)) return;
    if (stack.includes(id))
      throw new CompilationError(`ephemeral cycle: ${[...stack, id].join(' -> ')}`, {
        where: node.original_file_path,
      });
    const eph = session.manifest.nodes[id];
    const inner: string[] = [];
    const body = await renderNode(session, eph, { ...facts, isIncremental: false }, inner, used);
    for (const i of inner) await addCte(i, [...stack, id]);
    done.add(id);
    ctes.push({ name: `__dbt__cte__${eph.name}`, sql: body });
  };
  for (const id of ephemerals) await addCte(id, []);
  checkHiddenDependencies(node, used, session);
  return { sql: injectCtes(sql, ctes), used };
}

async function renderNode(
  session: ProjectSession,
  node: ManifestNode,
  facts: CompileFacts,
  ephemeralRefs: string[],
  usedRefs: Set<string>,
): Promise<string> {
  const where = node.original_file_path;
  return renderWithReplay(
    (replay) => {
      const ephemeralsThisPass: string[] = [];
      const ctx = dbtContext(session.renderEnv, {
        node,
        packageName: node.package_name,
        execute: true,
        where,
        replay,
        isIncremental: facts.isIncremental,
        ephemeralRefs: ephemeralsThisPass,
        usedRefs,
      });
      let out: string;
      if (node.test_metadata) {
        const kwargs: Record<string, unknown> = {};
        for (const [k, v] of Object.entries(node.test_metadata.kwargs))
          kwargs[k] = renderArgument(session, v, ctx, node);
        const ns = node.test_metadata.namespace;
        const macro = ns ? `${ns}.test_${node.test_metadata.name}` : `test_${node.test_metadata.name}`;
        out = String(session.engine.callMacro(macro, kwargs, ctx, { packageName: node.package_name }) ?? '');
      } else {
        out = session.engine.render(node.raw_code, ctx, { file: where, packageName: node.package_name });
      }
      ephemeralRefs.splice(0, ephemeralRefs.length, ...ephemeralsThisPass);
      return out;
    },
    facts.answer,
    where,
  );
}

/** A test argument that names a relation (`ref('x')`) or holds Jinja is rendered; other values pass as they are. */
function renderArgument(
  session: ProjectSession,
  v: unknown,
  ctx: Record<string, unknown>,
  node: ManifestNode,
): unknown {
  if (typeof v !== 'string') return v;
  const file = node.original_file_path;
  if (/^\s*(ref|source)\s*\(.*\)\s*$/s.test(v))
    return session.engine.render(`{{ ${v} }}`, ctx, { file, packageName: node.package_name });
  if (v.includes('{{') || v.includes('{%'))
    return session.engine.render(v, ctx, { file, packageName: node.package_name });
  return v;
}

/** A ref that parse did not see (hidden in `{% if execute %}`) would run in the wrong order: say how to fix it. */
function checkHiddenDependencies(node: ManifestNode, used: Set<string>, session: ProjectSession): void {
  let ancestors: Set<string> | undefined;
  for (const id of used) {
    if (id === node.unique_id || node.depends_on.nodes.includes(id)) continue;
    ancestors ??= ancestorsOf(node.unique_id, session.manifest.parent_map);
    if (ancestors.has(id)) continue;
    const dep = session.manifest.nodes[id] ?? session.manifest.sources[id];
    if (!dep) continue;
    throw new CompilationError(
      `'${node.name}' refers to '${dep.name}' only when executing, so the dependency was not known at parse time`,
      {
        where: node.original_file_path,
        hint: `add the comment \`-- depends_on: {{ ref('${dep.name}') }}\` at the top of ${node.original_file_path}`,
      },
    );
  }
}

function ancestorsOf(id: string, parentMap: Record<string, string[]>): Set<string> {
  const seen = new Set<string>();
  const stack = [...(parentMap[id] ?? [])];
  while (stack.length) {
    const p = stack.pop()!;
    if (seen.has(p)) continue;
    seen.add(p);
    stack.push(...(parentMap[p] ?? []));
  }
  return seen;
}
