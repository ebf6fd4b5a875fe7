import type { ConnectorLogger } from './logger';
import type { AirbyteStream, SyncMode } from './protocol';
import { maxCursor, valueAtPath } from './cursor';

/** A stream's own state (opaque to the platform). For cursor streams: `{ <cursor field>: <max value> }`. */
export type StreamState = Record<string, unknown>;
/** One unit of work of a stream (a date window, a parent id...). Slices are read in order. */
export type StreamSlice = Record<string, unknown>;

/**
 * Yielded by `readRecords` at a resumable point (after a page, a batch): the runner emits a STATE for
 * the stream. With `state`, that state is merged into the tracked one (cursor values never go back);
 * without, the runner's tracked state (the max cursor of the records so far) is used.
 */
export class Checkpoint {
  constructor(readonly state?: StreamState) {}
}

/** Yielded by `readRecords` when the stream knows how much it will read (a DRF `count`, a total). */
export class Estimate {
  constructor(
    readonly rows?: number,
    readonly bytes?: number,
  ) {}
}

/** What `readRecords` yields: plain objects are records, plus checkpoints and estimates. */
export type StreamItem = Record<string, unknown> | Checkpoint | Estimate;

/** What a stream is given for one slice of one read. */
export interface ReadContext<S extends StreamState = StreamState> {
  syncMode: SyncMode;
  /** The cursor in force (source-defined, else the catalog's, else the default); [] in full refresh. */
  cursorField: string[];
  /** The stream's state from `--state` (incremental only; the kit's markers removed), or undefined. */
  state: S | undefined;
  slice: StreamSlice | undefined;
  logger: ConnectorLogger;
  /** Tell the runner the upstream is throttling (emits STREAM_STATUS RUNNING with a RATE_LIMITED reason). */
  rateLimited: (quotaResetMs?: number) => void;
}

/**
 * A stream. Subclasses set `name`, `jsonSchema`, `primaryKey` and `cursorField` (non-empty means incremental
 * is supported, source-defined) and implement `readRecords` as an async generator. The
 * runner owns STATE, STREAM_STATUS, counting and error handling; a stream only yields.
 */
export abstract class Stream<S extends StreamState = StreamState> {
  abstract readonly name: string;
  readonly namespace?: string;
  abstract readonly jsonSchema: Record<string, unknown>;
  /** Primary key paths: `[['id']]`; `[]` when the upstream has none. */
  abstract readonly primaryKey: string[][];
  /** Source-defined cursor path, e.g. `['modified']`; `[]` for full-refresh-only streams. */
  abstract readonly cursorField: string[];

  /**
   * True when the upstream returns records in ascending cursor order (e.g. `?ordering=modified`): the
   * state after each page may then carry the cursor reached so far. Otherwise (the default, and the
   * safe choice) the cursor in a STATE only moves at the end of a slice, because a later page may still
   * bring older cursor values that a resumed read would skip.
   */
  readonly recordsInCursorOrder: boolean = false;

  get supportedSyncModes(): SyncMode[] {
    return this.cursorField.length ? ['full_refresh', 'incremental'] : ['full_refresh'];
  }

  /** The slices to read, in order; by default a single undefined slice. */
  async *streamSlices(_ctx: Omit<ReadContext<S>, 'slice'>): AsyncIterable<StreamSlice | undefined> {
    yield undefined;
  }

  abstract readRecords(ctx: ReadContext<S>): AsyncIterable<StreamItem>;

  /** The state after a record has been emitted. By default: the max of the cursor field. */
  updatedState(
    current: S | undefined,
    record: Record<string, unknown>,
    cursorField: string[],
  ): S | undefined {
    if (!cursorField.length) return current;
    const value = valueAtPath(record, cursorField);
    if (value === undefined || value === null) return current;
    const key = cursorField.join('.');
    const prev = current?.[key];
    const next = prev === undefined ? value : maxCursor(prev, value);
    if (next === prev) return current;
    return { ...(current ?? {}), [key]: next } as S;
  }

  /** The stream as `discover` lists it. */
  toAirbyteStream(): AirbyteStream {
    const incremental = this.cursorField.length > 0;
    return {
      name: this.name,
      ...(this.namespace ? { namespace: this.namespace } : {}),
      json_schema: this.jsonSchema,
      supported_sync_modes: this.supportedSyncModes,
      source_defined_cursor: incremental,
      ...(incremental ? { default_cursor_field: this.cursorField } : {}),
      ...(this.primaryKey.length ? { source_defined_primary_key: this.primaryKey } : {}),
      is_resumable: incremental,
    };
  }
}
