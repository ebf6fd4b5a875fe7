/**
 * Crash injection for the durability tests: LEARNFLOW_TEST_DESTINATION_CRASH=<commit>:<point> makes the
 * destination SIGKILL itself at commit number <commit>, at <point> = start (before anything is written),
 * mid (inside the transaction, data written, not committed) or after (committed, state not yet echoed).
 * <point> = hold stops inside that transaction instead (data written, COMMIT not sent), <point> = idle
 * before it begins, once the commit before it has finished (the connections idle between transactions,
 * nothing in flight, although commits otherwise overlap): the process writes
 * the file LEARNFLOW_TEST_DESTINATION_RELEASE + '.held' and waits, event loop blocked, until the file
 * LEARNFLOW_TEST_DESTINATION_RELEASE exists; a test meanwhile breaks the database connection.
 */
import fs from 'node:fs';

export interface CrashHook {
  /** The test wants commit n to start with no commit in flight (the `idle` point). */
  idleBefore?(n: number): boolean;
  atCommitStart(n: number): void;
  beforeCommit(n: number): void;
  afterCommit(n: number): void;
}

const NONE: CrashHook = {
  atCommitStart: () => undefined,
  beforeCommit: () => undefined,
  afterCommit: () => undefined,
};

export function crashHook(env: NodeJS.ProcessEnv = process.env): CrashHook {
  const spec = env.LEARNFLOW_TEST_DESTINATION_CRASH;
  if (!spec) return NONE;
  const [n, point] = spec.split(':');
  const at = Number(n);
  if (!Number.isInteger(at) || at < 1) return NONE;
  const die = () => process.kill(process.pid, 'SIGKILL');
  const release = env.LEARNFLOW_TEST_DESTINATION_RELEASE;
  const hold = (c: number) => {
    if (!release) return;
    fs.writeFileSync(`${release}.held`, String(c));
    const cell = new Int32Array(new SharedArrayBuffer(4));
    // A test that failed before releasing must not leave the process behind: give up after two minutes.
    const until = Date.now() + 120_000;
    while (!fs.existsSync(release)) {
      if (Date.now() > until) die();
      Atomics.wait(cell, 0, 0, 20);
    }
  };
  return {
    idleBefore: (c) => c === at && point === 'idle',
    atCommitStart: (c) =>
      c === at ? (point === 'start' ? die() : point === 'idle' ? hold(c) : undefined) : undefined,
    beforeCommit: (c) =>
      c === at ? (point === 'mid' ? die() : point === 'hold' ? hold(c) : undefined) : undefined,
    afterCommit: (c) => (c === at && point === 'after' ? die() : undefined),
  };
}
