import { LearnflowError, toError } from '../../common/errors';
import type { AdapterType } from './adapter';

export interface DatabaseErrorOptions {
  adapterType: AdapterType;
  /** The statement that failed (never contains connection secrets). */
  sql?: string;
  where?: string;
  retryable?: boolean;
  hint?: string;
  cause?: unknown;
}

/**
 * A statement or connection failure reported by the database. `dbMessage` is the database's own text;
 * `sql` is the statement that failed. The engine adds the model and the compiled file as `where`.
 */
export class DatabaseError extends LearnflowError {
  readonly adapterType: AdapterType;
  readonly sql?: string;
  readonly dbMessage: string;

  constructor(dbMessage: string, options: DatabaseErrorOptions) {
    super(`Database Error: ${dbMessage}`, options);
    this.adapterType = options.adapterType;
    this.sql = options.sql;
    this.dbMessage = dbMessage;
  }
}

/** Remove every secret value from a message (a password must never reach a log or an error). */
export function scrub(text: string, secrets: readonly (string | undefined)[]): string {
  let out = text;
  for (const s of secrets) if (s && s.length >= 3) out = out.split(s).join('**********');
  return out;
}

/** Wrap anything a driver threw into a DatabaseError, scrubbing secrets from the message. */
export function wrapDatabaseError(
  e: unknown,
  adapterType: AdapterType,
  sql: string | undefined,
  secrets: readonly (string | undefined)[] = [],
  retryable = false,
): DatabaseError {
  if (e instanceof DatabaseError) return e;
  // Native errors from another realm (jest's VM, a native addon) fail `instanceof Error`: read `.message`.
  const raw = (e as { message?: unknown } | null)?.message;
  const original = typeof raw === 'string' ? raw : toError(e).message;
  const message = scrub(original, secrets);
  // The cause is kept only when it carries no secret.
  return new DatabaseError(message, {
    adapterType,
    sql,
    retryable,
    cause: message === original ? e : undefined,
  });
}
