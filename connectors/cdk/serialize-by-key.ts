/**
 * Run async sections one at a time per key within this process, in the order they were asked for (the
 * writers sharing one DuckDB instance; the bookkeeping of syncs that run side by side against one
 * lakehouse, where a sync id is read and claimed in one section). A failing section does not block the next.
 */
const tails = new Map<string, Promise<unknown>>();

export function serializeByKey<T>(key: string, fn: () => Promise<T>): Promise<T> {
  const previous = tails.get(key) ?? Promise.resolve();
  const run = previous.then(fn, fn);
  const tail = run.catch(() => undefined);
  tails.set(key, tail);
  void tail.then(() => {
    if (tails.get(key) === tail) tails.delete(key);
  });
  return run;
}
