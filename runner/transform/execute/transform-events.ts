/**
 * Structured progress of an executing command (`run`, `build`...), for callers that embed the engine (the
 * pipeline): what is planned, each node as it starts and as it finishes. Every callback is optional and
 * called synchronously from the scheduler; one that throws does not stop the run.
 */
import type { NodeResult } from './node-result';

export interface TransformEvents {
  /** The nodes about to run, in a valid order, and how many run at once. */
  planned?(order: string[], threads: number): void;
  nodeStarted?(uniqueId: string, thread: number): void;
  /** `done` of `total` nodes finished (skipped nodes included), in completion order. */
  nodeFinished?(result: NodeResult, done: number, total: number): void;
}
