/** One entry of run_results.json (v6). */
export type NodeStatus = 'success' | 'error' | 'skipped' | 'pass' | 'fail' | 'warn' | 'runtime error';

export interface NodeResult {
  unique_id: string;
  status: NodeStatus;
  timing: { name: 'compile' | 'execute'; started_at: string; completed_at: string }[];
  thread_id: string;
  execution_time: number;
  adapter_response: Record<string, unknown>;
  message: string | null;
  failures: number | null;
  compiled: boolean;
  compiled_code: string | null;
  relation_name: string | null;
  batch_results: null;
}

/** A status that stops everything downstream (dbt: errors and error-severity test failures). */
export function isBlocking(status: NodeStatus): boolean {
  return status === 'error' || status === 'fail' || status === 'runtime error';
}

export function skippedResult(
  uniqueId: string,
  relationName: string | null,
  message: string | null,
): NodeResult {
  return {
    unique_id: uniqueId,
    status: 'skipped',
    timing: [],
    thread_id: 'Thread-0',
    execution_time: 0,
    adapter_response: {},
    message,
    failures: null,
    compiled: false,
    compiled_code: null,
    relation_name: relationName,
    batch_results: null,
  };
}
