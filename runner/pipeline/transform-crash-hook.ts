/**
 * Crash injection for the kill-and-resume tests: LEARNFLOW_TEST_TRANSFORM_CRASH=<n> makes the pipeline
 * SIGKILL its own process right after the n-th transform node of the run finished (journaled and
 * reported), as a crash in the middle of the transform step would.
 */
export function transformCrashHook(env: NodeJS.ProcessEnv): (finished: number) => void {
  const at = Number(env.LEARNFLOW_TEST_TRANSFORM_CRASH);
  if (!Number.isInteger(at) || at < 1) return () => undefined;
  return (finished) => {
    if (finished === at) process.kill(process.pid, 'SIGKILL');
  };
}
