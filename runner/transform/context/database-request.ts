/**
 * Replay rendering. Jinja calls such as `run_query` are synchronous in templates but our adapters are
 * async, so a context function that needs the database throws a NeedsDatabase signal carrying the
 * request. The renderer awaits the request, caches the answer under (ordinal, request) and renders again;
 * on the next pass the same call finds its answer. Rendering is deterministic, so the passes converge.
 */
import type { Column, Relation } from '../adapters/adapter';

export type DatabaseRequest =
  | { kind: 'query'; sql: string }
  | { kind: 'relation'; schema: string; identifier: string }
  | { kind: 'columns'; relation: Relation };

export type DatabaseAnswer =
  | { kind: 'query'; columns: Column[]; rows: Record<string, unknown>[]; rowsAffected: number }
  | { kind: 'relation'; relation: Relation | null }
  | { kind: 'columns'; columns: Column[] };

export class NeedsDatabase extends Error {
  constructor(
    readonly request: DatabaseRequest,
    readonly key: string,
  ) {
    super(`template needs the database: ${request.kind}`);
    this.name = 'NeedsDatabase';
  }
}

/** The answers gathered so far for one node's rendering, and the call counter of the current pass. */
export class ReplayState {
  private readonly answers = new Map<string, DatabaseAnswer>();
  private ordinal = 0;
  /** The request the current pass stopped at (kept even if the template engine wraps the thrown error). */
  pending: NeedsDatabase | undefined;

  /** Start a new rendering pass. */
  reset(): void {
    this.ordinal = 0;
    this.pending = undefined;
  }

  /** Ordinals whose request changed between passes: the template is not deterministic. */
  readonly unstable = new Set<number>();
  private readonly asked = new Map<number, string>();

  /** The cached answer for the next call, or throw NeedsDatabase. */
  ask(request: DatabaseRequest): DatabaseAnswer {
    const ordinal = this.ordinal++;
    const text = JSON.stringify(request);
    const key = `${ordinal}:${text}`;
    const hit = this.answers.get(key);
    if (hit) return hit;
    const before = this.asked.get(ordinal);
    if (before !== undefined && before !== text) this.unstable.add(ordinal);
    this.asked.set(ordinal, text);
    this.pending = new NeedsDatabase(request, key);
    throw this.pending;
  }

  answer(key: string, value: DatabaseAnswer): void {
    this.answers.set(key, value);
  }

  get size(): number {
    return this.answers.size;
  }
}
