/**
 * Functions and classes implemented by this layer are marked, so the runtime knows their errors are its
 * own (reported as compile errors) rather than the engine's (which propagate unchanged).
 */
export type AnyFn = (...args: any[]) => unknown;

/** Marks functions implemented by this layer (macros, built-ins): their errors are already typed. */
export const INTERNAL = Symbol('learnflow.jinja.internal');

export function internal<F extends AnyFn>(fn: F): F {
  (fn as any)[INTERNAL] = true;
  return fn;
}

/** Mark every method of classes implemented by this layer as internal (their errors become compile errors). */
export function internalClass(...classes: { prototype: object }[]): void {
  for (const cls of classes) {
    for (const key of Object.getOwnPropertyNames(cls.prototype)) {
      const desc = Object.getOwnPropertyDescriptor(cls.prototype, key);
      if (key !== 'constructor' && desc && typeof desc.value === 'function') desc.value[INTERNAL] = true;
    }
  }
}
