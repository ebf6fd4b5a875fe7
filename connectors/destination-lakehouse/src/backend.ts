/**
 * A lakehouse backend: one database engine behind the destination. Every `commit` is one transaction:
 * the records of several streams, the states that cover them and the finalization of completed
 * streams become visible together or not at all.
 */
import type { AirbyteStateMessage } from '../../cdk/protocol';
import type { StreamPlan } from './stream-plan';

/** A record as buffered until its commit; the backend gives it its _airbyte_raw_id when writing it. */
export interface RawRow {
  /** record.emitted_at, epoch milliseconds. */
  extractedAt: number;
  /** JSON text of record.data (as the source sent it, when the kit kept its line). */
  data: string;
  /** The typed values as the backend's `typeOnClient` rendered them on arrival, for backends that have it. */
  typed?: string;
  /** JSON text of _airbyte_meta. */
  meta: string;
}

export interface StreamBatch {
  plan: StreamPlan;
  /** The backend empties the array once it has written them, so they can be freed while it commits. */
  rows: RawRow[];
}

export interface StateRow {
  /** The stream key, or `__global__` / `__legacy__`. */
  streamKey: string;
  state: AirbyteStateMessage;
}

export interface CommitUnit {
  batches: StreamBatch[];
  states: StateRow[];
  /** Streams the source reported COMPLETE: swap staging in, drop older generations. */
  finalize: StreamPlan[];
}

/** Called inside the transaction after the data is written and before COMMIT (crash tests). */
export type BeforeCommitHook = () => void;

export interface CommitOptions {
  beforeCommit?: BeforeCommitHook;
  /**
   * The previous commit, still running. The backend may write this unit's data meanwhile, but stores its
   * states and commits only once `after` resolved; when it rejects, nothing of this unit is committed.
   */
  after?: Promise<void>;
}

export interface LakehouseBackend {
  readonly engine: 'duckdb' | 'postgres';
  /** Where the data goes, without secrets (a file path or host/database). */
  readonly location: string;
  /**
   * For backends that type values in JS: render a record's typed values when it arrives (RawRow.typed),
   * so the parsed record need not be kept until the commit.
   */
  typeOnClient?(plan: StreamPlan, data: Record<string, unknown>): string;
  open(): Promise<void>;
  /** Create schemas and tables, add new columns, clear staging rows of other generations. */
  prepareStream(plan: StreamPlan): Promise<void>;
  /**
   * For backends that stage rows themselves: take rows a received STATE covers ahead of the commit, so they
   * need not wait in JS memory. They belong to the next `commit`, before its own batches, and the backend
   * empties the `rows` arrays.
   */
  stage?(batches: StreamBatch[]): Promise<void>;
  commit(unit: CommitUnit, options?: CommitOptions): Promise<void>;
  /** Waits for commits still running, then closes. */
  close(): Promise<void>;
}

/** The state store and finalization tables, in the raw schema. Shared with runner/lakehouse. */
export const STATE_TABLE = '_learnflow_state';
export const FINALIZED_TABLE = '_learnflow_finalized';
