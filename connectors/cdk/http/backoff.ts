/** Retry timing: exponential backoff with jitter, and the server's Retry-After when it sends one. */
export interface BackoffOptions {
  /** Delay before the first retry, in ms (doubles each attempt). Tests set this to 0 or 1. */
  baseMs: number;
  /** Upper bound of a computed backoff delay, in ms. */
  maxMs: number;
  /** Upper bound of a wait asked for by Retry-After, in ms (longer asks fail the request instead). */
  maxRetryAfterMs: number;
}

export const DEFAULT_BACKOFF: BackoffOptions = { baseMs: 1000, maxMs: 60_000, maxRetryAfterMs: 600_000 };

/**
 * Parse a Retry-After header: seconds (`"120"`, `"1.5"`) or an HTTP date. Returns ms from `now`
 * (never negative), or undefined when the header is absent or unreadable.
 */
export function parseRetryAfter(value: string | undefined | null, now = Date.now()): number | undefined {
  if (value === undefined || value === null) return undefined;
  const v = String(value).trim();
  if (!v) return undefined;
  if (/^\d+(\.\d+)?$/.test(v)) return Math.round(Number(v) * 1000);
  const at = Date.parse(v);
  if (Number.isNaN(at)) return undefined;
  return Math.max(0, at - now);
}

/**
 * The wait before retry number `attempt` (0 = first retry): the Retry-After when given, else
 * `baseMs * 2^attempt` capped at `maxMs`, with "equal jitter" (between half and all of it) so that
 * many clients do not retry in lockstep.
 */
export function retryDelayMs(
  attempt: number,
  options: BackoffOptions,
  retryAfterMs?: number,
  random: () => number = Math.random,
): number {
  if (retryAfterMs !== undefined) return Math.min(retryAfterMs, options.maxRetryAfterMs);
  const exp = Math.min(options.maxMs, options.baseMs * 2 ** attempt);
  return Math.round(exp / 2 + (exp / 2) * random());
}
