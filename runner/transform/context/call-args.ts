/**
 * Keyword arguments reach context functions as a trailing `Kwargs` object (see ../templating/call-args).
 * These helpers split a call's arguments into positional and keyword parts, so context functions accept
 * both `ref('a', 'b')` and `ref(package_name='a', model_name='b')`.
 */
import { isKwargs as isTemplatingKwargs } from '../templating/call-args';

export function kwargsOf(args: unknown[]): Record<string, unknown> {
  const last = args[args.length - 1];
  if (isKwargs(last)) {
    const out: Record<string, unknown> = { ...(last as Record<string, unknown>) };
    delete out.__keywords;
    return out;
  }
  return {};
}

export function positionalOf(args: unknown[]): unknown[] {
  return isKwargs(args[args.length - 1]) ? args.slice(0, -1) : args;
}

/** Positional argument `i`, or the keyword `name`, or the fallback. */
export function argAt(args: unknown[], i: number, name: string, fallback?: unknown): unknown {
  const pos = positionalOf(args);
  if (pos.length > i && pos[i] !== undefined) return pos[i];
  const kw = kwargsOf(args);
  return name in kw ? kw[name] : fallback;
}

function isKwargs(v: unknown): boolean {
  return (
    isTemplatingKwargs(v) ||
    (typeof v === 'object' && v !== null && (v as { __keywords?: boolean }).__keywords === true)
  );
}
