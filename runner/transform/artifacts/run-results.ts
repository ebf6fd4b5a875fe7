import { DBT_VERSION, RUN_RESULTS_SCHEMA } from '../parse/manifest-types';
import type { NodeResult } from '../execute/node-result';

export interface RunResultsArtifact {
  metadata: {
    dbt_schema_version: string;
    dbt_version: string;
    generated_at: string;
    invocation_id: string;
    env: Record<string, string>;
  };
  results: NodeResult[];
  elapsed_time: number;
  args: Record<string, unknown>;
}

/** run_results.json (v6) of one invocation; `args` records the command so `retry` can repeat it. */
export function runResultsArtifact(
  results: NodeResult[],
  invocationId: string,
  startedAt: Date,
  args: Record<string, unknown>,
): RunResultsArtifact {
  return {
    metadata: {
      dbt_schema_version: RUN_RESULTS_SCHEMA,
      dbt_version: DBT_VERSION,
      generated_at: new Date().toISOString(),
      invocation_id: invocationId,
      env: {},
    },
    results,
    elapsed_time: (Date.now() - startedAt.getTime()) / 1000,
    args,
  };
}
