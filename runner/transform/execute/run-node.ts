import path from 'node:path';
import { describeError, LearnflowError } from '../../common/errors';
import type { Relation } from '../adapters/adapter';
import { compileNode } from '../compile/compile-node';
import { dbtContext } from '../context/dbt-context';
import { relationValue } from '../context/relation-value';
import { isIncrementalRun, materializations } from '../materializations';
import type { IncrementalStrategyArgs, MaterializationResult } from '../materializations/materialization';
import type { ManifestNode } from '../parse/manifest-types';
import { checkContract } from './check-contract';
import { databaseAnswers } from './database-answers';
import type { Invocation } from './invocation';
import type { NodeResult } from './node-result';
import { renderHooks } from './render-hooks';
import { runTestNode } from './run-test-node';
import { sqlFilePath, writeSqlFile } from './write-sql-file';

/** Build, load or test one node; never throws for the node's own failures (they become its result). */
export async function runNode(inv: Invocation, node: ManifestNode, thread: number): Promise<NodeResult> {
  const started = new Date();
  const timing: NodeResult['timing'] = [];
  let compiled: string | null = null;
  try {
    if (node.resource_type === 'test') return await runTestNode(inv, node, thread);
    const relation: Relation = {
      database: node.database ?? undefined,
      schema: node.schema,
      identifier: node.alias,
    };
    const compileStart = new Date();
    const existing = await inv.relations.get(node.schema, node.alias);
    const fullRefresh =
      typeof node.config.full_refresh === 'boolean' ? node.config.full_refresh : inv.fullRefresh;
    const incremental =
      node.config.materialized === 'incremental' && isIncrementalRun(node.config, existing, inv.fullRefresh);
    if (node.resource_type !== 'seed') {
      compiled = (
        await compileNode(inv.session, node, {
          isIncremental: incremental,
          answer: databaseAnswers(inv.adapter),
        })
      ).sql;
      writeSqlFile(
        sqlFilePath(inv.session, node, 'compiled'),
        compiled,
        inv.prettyPrint,
        inv.session.target.type,
      );
    }
    timing.push({
      name: 'compile',
      started_at: compileStart.toISOString(),
      completed_at: new Date().toISOString(),
    });
    const execStart = new Date();
    const materialization = materializations[node.config.materialized];
    if (!materialization) {
      throw new LearnflowError(
        `unknown materialization '${node.config.materialized}' (available: ${Object.keys(materializations).join(', ')}, ephemeral)`,
        { where: node.original_file_path },
      );
    }
    if (node.contract.enforced && compiled !== null) await checkContract(inv, node, compiled);
    const where = node.original_file_path;
    const preHooks = await renderHooks(inv, node.config.pre_hook ?? [], node, `${where}: pre_hook`);
    const postHooks = await renderHooks(inv, node.config.post_hook ?? [], node, `${where}: post_hook`);
    const result: MaterializationResult = await materialization({
      uniqueId: node.unique_id,
      name: node.name,
      config: node.config,
      sql: compiled ?? '',
      relation,
      existing,
      // materializations that compare columns fetch them themselves, so nothing is queried for views and tables
      existingColumns: [],
      fullRefresh,
      adapter: inv.adapter,
      logger: inv.session.logger,
      preHooks,
      postHooks,
      seed:
        node.resource_type === 'seed'
          ? { path: path.join(node.root_path ?? inv.session.root.root, node.original_file_path) }
          : undefined,
      projectName: inv.session.root.name,
      strategyMacro: (macroName) => strategyMacro(inv, node, macroName),
    });
    if (result.executed.length) {
      writeSqlFile(
        sqlFilePath(inv.session, node, 'run'),
        result.executed.join(';\n\n') + ';\n',
        false,
        inv.session.target.type,
      );
    }
    timing.push({
      name: 'execute',
      started_at: execStart.toISOString(),
      completed_at: new Date().toISOString(),
    });
    return {
      unique_id: node.unique_id,
      status: 'success',
      timing,
      thread_id: `Thread-${thread}`,
      execution_time: (Date.now() - started.getTime()) / 1000,
      adapter_response: {
        _message: result.message,
        code: result.message.split(' ')[0],
        rows_affected: result.rowsAffected ?? 0,
      },
      message: result.message,
      failures: null,
      compiled: compiled !== null,
      compiled_code: compiled,
      relation_name: node.relation_name,
      batch_results: null,
    };
  } catch (e) {
    return errorResult(inv, node, e, started, timing, compiled, thread);
  }
}

export function errorResult(
  inv: Invocation,
  node: ManifestNode,
  e: unknown,
  started: Date,
  timing: NodeResult['timing'],
  compiled: string | null,
  thread: number,
): NodeResult {
  const kind = (e as { dbMessage?: string }).dbMessage !== undefined ? 'Database Error' : 'Error';
  const detail = (e as { dbMessage?: string }).dbMessage ?? describeError(e);
  const lines = [
    `${kind} in ${node.resource_type} ${node.name} (${node.original_file_path})`,
    `  ${detail.replace(/\n/g, '\n  ')}`,
  ];
  if (compiled !== null) {
    lines.push(
      `  compiled code at ${path.relative(inv.session.root.root, sqlFilePath(inv.session, node, 'compiled'))}`,
    );
  }
  if (process.env.LEARNFLOW_DEBUG && e instanceof Error && e.stack) lines.push(e.stack);
  return {
    unique_id: node.unique_id,
    status: 'error',
    timing,
    thread_id: `Thread-${thread}`,
    execution_time: (Date.now() - started.getTime()) / 1000,
    adapter_response: {},
    message: inv.session.logger.redact(lines.join('\n')),
    failures: null,
    compiled: compiled !== null,
    compiled_code: compiled,
    relation_name: node.relation_name,
    batch_results: null,
  };
}

/** A project macro `get_incremental_<name>_sql(arg_dict)` as a custom incremental strategy. */
function strategyMacro(inv: Invocation, node: ManifestNode, macroName: string) {
  const { engine, renderEnv } = inv.session;
  if (!engine.hasMacro(macroName)) return undefined;
  return async (args: IncrementalStrategyArgs): Promise<string> => {
    const rel = (r: Relation) =>
      relationValue({
        database: r.database ?? null,
        schema: r.schema,
        identifier: r.identifier,
        type: r.type ?? null,
      });
    const argDict = {
      target_relation: rel(args.target_relation),
      temp_relation: rel(args.temp_relation),
      unique_key: args.unique_key,
      dest_columns: args.dest_columns.map((c) => ({
        name: c.name,
        column: c.name,
        quoted: `"${c.name}"`,
        data_type: c.dataType,
      })),
      incremental_predicates: args.incremental_predicates,
    };
    const ctx = dbtContext(renderEnv, {
      node,
      packageName: node.package_name,
      execute: true,
      where: node.original_file_path,
    });
    return String(
      engine.callMacro(macroName, { arg_dict: argDict }, ctx, { packageName: node.package_name }) ?? '',
    );
  };
}
