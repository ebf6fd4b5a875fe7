/**
 * Crash points for resume tests: when `LEARNFLOW_DELIVER_CRASH_AT` names this point, the process kills
 * itself with SIGKILL, exactly as `kill -9` would, leaving whatever was in flight unfinished.
 */
export const CRASH_ENV = 'LEARNFLOW_DELIVER_CRASH_AT';

export function crashPoint(name: string, env: NodeJS.ProcessEnv = process.env): void {
  if (env[CRASH_ENV] === name) process.kill(process.pid, 'SIGKILL');
}
