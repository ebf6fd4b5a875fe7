/** What a pipeline run reports as it goes: the same events feed the live view, the plain log and `--json`. */
export type StepKind = 'sync' | 'transform' | 'deliver';

export type PipelineEvent =
  | {
      event: 'pipeline_started';
      run_id: number;
      resumed: boolean;
      steps: string[];
      eta_seconds: number | null;
      /** How long each step took the last time it succeeded (the ETA's basis). */
      previous_seconds: Record<string, number>;
    }
  | {
      event: 'step_started';
      step: string;
      kind: StepKind;
      eta_seconds: number | null;
      total?: number;
    }
  | {
      event: 'step_progress';
      step: string;
      done: number;
      total?: number;
      committed?: number;
      unit: 'records' | 'nodes' | 'tables';
      /** Transform: seconds left, from the nodes' durations in previous runs (null: no history). */
      eta_seconds?: number | null;
    }
  | {
      /** A transform node (model, seed, snapshot, test) handed to a thread. */
      event: 'node_started';
      step: string;
      node: string;
      name: string;
      resource_type: string;
    }
  | {
      /** A transform node finished (or was kept from the interrupted run: `reused`). */
      event: 'node_finished';
      step: string;
      node: string;
      name: string;
      resource_type: string;
      /** The engine's status: success, error, skipped, pass, fail, warn. */
      status: string;
      seconds: number;
      /** Rows affected by a model, failing rows of a test; null when unknown. */
      rows: number | null;
      reused?: boolean;
      message?: string;
    }
  | {
      event: 'step_finished';
      step: string;
      kind: StepKind;
      status: 'succeeded' | 'failed' | 'skipped';
      rows: number;
      seconds: number;
      reused?: boolean;
      message?: string;
      error?: string;
    }
  | {
      event: 'pipeline_finished';
      run_id: number;
      status: 'succeeded' | 'failed';
      seconds: number;
      synced: Record<string, number>;
      built: Record<string, number>;
      delivered: Record<string, number>;
    };

export interface PipelineReporter {
  emit(e: PipelineEvent): void;
  /** Stop any live view (idempotent). */
  close(): void;
}
