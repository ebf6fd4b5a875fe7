import { maxCursor } from './cursor';
import { FULL_REFRESH_MARKER, SOURCE_MARKER } from './input-state';
import type { AirbyteMessage, StreamDescriptor } from './protocol';
import type { Stream, StreamState } from './stream';

/**
 * The state of one stream during a read, and the STATE messages it deserves:
 * - the cursor is the max seen (never backwards), starting from the input state;
 * - a stream whose records do not come in cursor order only moves the cursor in a STATE at slice ends
 *   (or by an explicit Checkpoint), so a read resumed from any STATE never skips a record;
 * - no unchanged state with no records behind it, and no repeat of an unchanged incremental state
 *   after more records (the next change or the final state covers them);
 * - `sourceStats.recordCount` counts the records since the previous STATE of the stream;
 * - full-refresh states carry a checkpoint number and `complete` on the last one;
 * - every state names the connector that wrote it.
 */
export class StateTracker {
  private tracked: StreamState | undefined;
  private committedCursor: unknown;
  private lastEmitted: string | undefined;
  private sinceState = 0;
  private checkpoints = 0;
  private readonly cursorKey: string;

  constructor(
    private readonly stream: Pick<Stream, 'updatedState' | 'recordsInCursorOrder'>,
    private readonly options: {
      sourceName: string;
      descriptor: StreamDescriptor;
      incremental: boolean;
      cursorField: string[];
      inputState: StreamState | undefined;
    },
  ) {
    this.cursorKey = options.cursorField.join('.');
    this.tracked = options.inputState;
    this.committedCursor = this.cursorKey ? options.inputState?.[this.cursorKey] : undefined;
  }

  /** A record was emitted. */
  record(record: Record<string, unknown>): void {
    this.sinceState++;
    if (this.cursorKey)
      this.tracked = this.stream.updatedState(this.tracked, record, this.options.cursorField);
  }

  /** Merge a state the stream gave with a Checkpoint; a cursor it names is safe to resume from. */
  merge(explicit: StreamState): void {
    const key = this.cursorKey;
    const next: StreamState = { ...(this.tracked ?? {}), ...explicit };
    if (key && this.tracked?.[key] !== undefined && explicit[key] !== undefined) {
      next[key] = maxCursor(this.tracked[key], explicit[key]);
    }
    if (key && explicit[key] !== undefined) {
      this.committedCursor =
        this.committedCursor === undefined ? explicit[key] : maxCursor(this.committedCursor, explicit[key]);
    }
    this.tracked = next;
  }

  /** The STATE to emit at a page checkpoint, a slice end or the end of the stream, if any. */
  state(at: 'page' | 'slice' | 'final'): AirbyteMessage | undefined {
    const { incremental } = this.options;
    const key = this.cursorKey;
    const final = at === 'final';
    let current = this.tracked;
    if (at !== 'page') this.committedCursor = key ? this.tracked?.[key] : undefined;
    else if (key && !this.stream.recordsInCursorOrder && this.tracked?.[key] !== this.committedCursor) {
      current = { ...(this.tracked ?? {}) };
      if (this.committedCursor === undefined) delete current[key];
      else current[key] = this.committedCursor;
    }
    const core = JSON.stringify(current ?? {});
    const unchanged = core === this.lastEmitted;
    if (!final && unchanged && (this.sinceState === 0 || incremental)) return undefined;
    if (final && incremental && unchanged && this.sinceState === 0) return undefined;
    this.checkpoints++;
    this.lastEmitted = core;
    const body: StreamState = { ...(current ?? {}) };
    if (!incremental) body[FULL_REFRESH_MARKER] = { checkpoint: this.checkpoints, complete: final };
    body[SOURCE_MARKER] = this.options.sourceName;
    const recordCount = this.sinceState;
    this.sinceState = 0;
    return {
      type: 'STATE',
      state: {
        type: 'STREAM',
        stream: { stream_descriptor: this.options.descriptor, stream_state: body },
        sourceStats: { recordCount },
      },
    };
  }
}
