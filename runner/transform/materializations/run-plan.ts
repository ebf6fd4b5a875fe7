import type { Adapter } from '../adapters/adapter';
import type { Plan } from './plan';

export interface PlanRun {
  /** Every statement executed, in order. */
  executed: string[];
  /** Rows affected by the last statement of each step, keyed by step label. */
  rowsAffected: Record<string, number>;
  /** Rows affected by each executed statement, in the order of `executed`. */
  statementRows: number[];
}

/**
 * Run a plan: each step's statements in order, a transactional step inside `adapter.transaction`. After a
 * failure only the `always` steps still run, then the first error is rethrown.
 */
export async function runPlan(
  adapter: Pick<Adapter, 'execute' | 'transaction'>,
  plan: Plan,
  run?: PlanRun,
): Promise<PlanRun> {
  const out: PlanRun = run ?? { executed: [], rowsAffected: {}, statementRows: [] };
  let failure: unknown;
  for (const step of plan) {
    if (failure !== undefined && !step.always) continue;
    try {
      const exec = async (tx: Pick<Adapter, 'execute'>) => {
        for (const sql of step.sql) {
          out.executed.push(sql);
          const result = await tx.execute(sql);
          out.rowsAffected[step.label] = result.rowsAffected;
          out.statementRows.push(result.rowsAffected);
        }
      };
      if (step.transactional && step.sql.length > 1) await adapter.transaction(exec);
      else await exec(adapter);
    } catch (e) {
      if (failure === undefined) failure = e;
    }
  }
  if (failure !== undefined) throw failure;
  return out;
}

/** Rows affected by the first statement of the plan's build step (`CREATE TABLE ... AS`). */
export function builtRows(plan: Plan, run: PlanRun): number {
  const build = plan.find((step) => step.label.startsWith('build'))?.sql[0];
  const index = build === undefined ? -1 : run.executed.lastIndexOf(build);
  return index >= 0 ? (run.statementRows[index] ?? 0) : 0;
}
