/**
 * The error a failed commit raises, for both backends: what failed and where, that nothing of the batch
 * was committed, whether a retry can help, and how to go on. A full disk is not retryable as it is: the
 * message says to free space and re-run (the sync resumes from the last committed state).
 */
import { SystemError, TransientError, type ConnectorError } from '../../cdk/errors';

const RERUN = 're-run the sync: it resumes from the last committed state';

/** True for the OS's or the database's "disk is full" errors. */
export function isDiskFull(e: unknown): boolean {
  const err = e as { code?: string; message?: string };
  return (
    err?.code === '53100' ||
    err?.code === 'ENOSPC' ||
    /No space left on device|disk is full|could not extend file/i.test(err?.message ?? String(e))
  );
}

export function commitError(
  e: unknown,
  where: string,
  options: { transient?: boolean } = {},
): ConnectorError {
  const msg = e instanceof Error ? e.message : String(e);
  const head = `commit failed, nothing of this batch was committed: ${msg}`;
  if (isDiskFull(e))
    return new SystemError(
      `${head} (the disk is full: free space where the lakehouse is stored, then ${RERUN})`,
      {
        where,
        internal: RERUN,
        cause: e,
      },
    );
  if (options.transient)
    return new TransientError(`${head} (the connection to the database was lost; ${RERUN})`, {
      where,
      internal: RERUN,
      cause: e,
    });
  return new SystemError(`${head} (${RERUN})`, { where, internal: RERUN, cause: e });
}
