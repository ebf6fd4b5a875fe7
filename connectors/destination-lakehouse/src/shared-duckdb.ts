/**
 * One DuckDB instance per database file and process. DuckDB allows one writing process per file, and a
 * second instance of the same file inside one process would fight the first over it; so everything in a
 * process that opens the lakehouse (an embedded destination, the sync bookkeeping, the pipeline) leases
 * the same instance. The instance closes when its last lease is released. Writers that must not
 * interleave their transactions (two embedded destinations committing at once) take `exclusive`.
 */
import fs from 'node:fs';
import path from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { serializeByKey } from '../../cdk/serialize-by-key';

export interface DuckdbLease {
  readonly instance: DuckDBInstance;
  /** This lease opened the instance (nothing else in the process had the file open). */
  readonly created: boolean;
  /** Run `fn` while no other exclusive section of this file runs in this process. */
  exclusive<T>(fn: () => Promise<T>): Promise<T>;
  /** Give the lease back; the last one closes the instance. Close your connections first. */
  release(): void;
}

interface Entry {
  instance: DuckDBInstance;
  refs: number;
  /** The key of its exclusive sections (serializeByKey). */
  lock: string;
  closed?: boolean;
}

const entries = new Map<string, Promise<Entry>>();

/** An unshared instance's own lock key. */
let unshared = 0;
const privateLock = (): string => `duckdb-unshared:${++unshared}`;

function lease(entry: Entry, key: string | undefined): DuckdbLease {
  const created = entry.refs === 0;
  entry.refs++;
  let released = false;
  return {
    instance: entry.instance,
    created,
    exclusive: (fn) => serializeByKey(entry.lock, fn),
    release() {
      if (released) return;
      released = true;
      entry.refs--;
      if (entry.refs > 0) return;
      entry.closed = true;
      if (key !== undefined) entries.delete(key);
      entry.instance.closeSync();
    },
  };
}

/**
 * Lease the instance of `file` (created on first use, its folder too). A read-only request shares an
 * instance already open in this process, and otherwise opens its own read-only one (not shared), so a
 * reader never takes the write lock from another process. `:memory:` is never shared.
 */
export async function leaseDuckdb(
  file: string,
  options: {
    readOnly?: boolean;
    /** DuckDB settings, applied when this lease creates the instance. */ settings?: Record<string, string>;
  } = {},
): Promise<DuckdbLease> {
  const settings = options.settings ?? {};
  if (file === ':memory:')
    return lease(
      { instance: await DuckDBInstance.create(file, settings), refs: 0, lock: privateLock() },
      undefined,
    );
  const key = path.resolve(file);
  const open = entries.get(key);
  if (open) {
    const entry = await open;
    // Its last lease may have been released while we waited: then open it anew.
    return entry.closed ? leaseDuckdb(file, options) : lease(entry, key);
  }
  if (options.readOnly && fs.existsSync(key)) {
    const instance = await DuckDBInstance.create(key, { ...settings, access_mode: 'READ_ONLY' });
    return lease({ instance, refs: 0, lock: privateLock() }, undefined);
  }
  const created = (async (): Promise<Entry> => {
    fs.mkdirSync(path.dirname(key), { recursive: true });
    return { instance: await DuckDBInstance.create(key, settings), refs: 0, lock: `duckdb:${key}` };
  })();
  entries.set(key, created);
  try {
    return lease(await created, key);
  } catch (e) {
    entries.delete(key);
    throw e;
  }
}
