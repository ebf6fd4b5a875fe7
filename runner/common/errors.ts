/**
 * Typed errors: what failed, where, whether a retry can help, and how to re-run.
 * The CLI maps UsageError to exit code 2 and every other error to 1.
 */
export interface LearnflowErrorOptions {
  /** Where it happened: a file:line:col, a model, a stream, a table. */
  where?: string;
  /** True when trying again later may succeed (network, 429, lock). */
  retryable?: boolean;
  /** What to do next, e.g. the command that re-runs only what failed. */
  hint?: string;
  cause?: unknown;
}

export class LearnflowError extends Error {
  readonly where?: string;
  readonly retryable: boolean;
  readonly hint?: string;

  constructor(message: string, options: LearnflowErrorOptions = {}) {
    super(message, options.cause !== undefined ? { cause: options.cause } : undefined);
    this.name = new.target.name;
    this.where = options.where;
    this.retryable = options.retryable ?? false;
    this.hint = options.hint;
  }

  /** One human-readable paragraph: message, location, hint. */
  describe(): string {
    const parts = [this.where ? `${this.where}: ${this.message}` : this.message];
    if (this.retryable) parts.push('(a retry may succeed)');
    if (this.hint) parts.push(`\n  hint: ${this.hint}`);
    return parts.join(' ');
  }
}

/** Wrong command-line usage or configuration that the user must fix (exit code 2). */
export class UsageError extends LearnflowError {}

/** A configuration file that is missing, unreadable or invalid; `where` names the file and field. */
export class ConfigError extends LearnflowError {}

/** Coerce any thrown value into an Error. */
export function toError(e: unknown): Error {
  if (e instanceof Error) return e;
  return new Error(typeof e === 'string' ? e : JSON.stringify(e));
}

/** The message of an error and its causes, joined. */
export function describeError(e: unknown): string {
  const err = toError(e);
  const head = err instanceof LearnflowError ? err.describe() : err.message;
  const cause = (err as { cause?: unknown }).cause;
  if (cause && cause !== err) {
    const c = toError(cause).message;
    if (c && !head.includes(c)) return `${head}\n  caused by: ${c}`;
  }
  return head;
}
