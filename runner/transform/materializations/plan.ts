import type { AdapterCapabilities, Relation } from '../adapters/adapter';

/** What a planner needs from an adapter: its capabilities and how it names things. No I/O. */
export interface SqlDialect {
  readonly capabilities: AdapterCapabilities;
  quote(identifier: string): string;
  render(relation: Relation): string;
}

/** One step of a plan: statements run in order, optionally inside one transaction. */
export interface PlanStep {
  /** What the step does, e.g. `build`, `swap`, `drop backup` (a comment in the golden files). */
  label: string;
  sql: string[];
  transactional?: boolean;
  /** Run even when an earlier step failed (clean-up of scratch relations). */
  always?: boolean;
}

export type Plan = PlanStep[];

/** The plan as text: the golden-file format (one comment line per step, statements ended by `;`). */
export function renderPlan(plan: Plan): string {
  return (
    plan
      .map((step) => {
        const head = `-- ${step.label}${step.transactional ? ' (one transaction)' : ''}${step.always ? ' (always)' : ''}`;
        return [head, ...step.sql.map((s) => `${s};`)].join('\n');
      })
      .join('\n\n') + '\n'
  );
}
