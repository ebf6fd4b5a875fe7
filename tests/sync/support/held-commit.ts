/** Drive the destination's `hold` crash point: wait until a commit is held open, then release it. */
import fs from 'node:fs';
import path from 'node:path';
import { Client } from 'pg';

export interface HeldCommit {
  env: Record<string, string>;
  /** Resolves when the destination holds its transaction open (polls for the marker file it writes). */
  held(timeoutMs?: number): Promise<number>;
  release(): void;
}

/** `point`: hold (inside the transaction, before COMMIT) or idle (before the commit's transaction begins). */
export function heldCommit(dir: string, commit: number, point = 'hold'): HeldCommit {
  const release = path.join(dir, `release-${commit}`);
  return {
    env: {
      LEARNFLOW_TEST_DESTINATION_CRASH: `${commit}:${point}`,
      LEARNFLOW_TEST_DESTINATION_RELEASE: release,
    },
    async held(timeoutMs = 60_000) {
      const until = Date.now() + timeoutMs;
      while (!fs.existsSync(`${release}.held`)) {
        if (Date.now() > until) throw new Error(`the destination never held commit ${commit}`);
        await new Promise((r) => setTimeout(r, 20));
      }
      return Number(fs.readFileSync(`${release}.held`, 'utf8'));
    },
    release: () => fs.writeFileSync(release, ''),
  };
}

/**
 * Terminate the destination's sessions in `database` (found by application_name) and wait until they are
 * gone; returns how many were terminated.
 */
export async function terminateDestinationSessions(adminUrl: string, database: string): Promise<number> {
  const c = new Client({ connectionString: adminUrl });
  await c.connect();
  try {
    const sessions = `FROM pg_stat_activity WHERE datname = $1 AND application_name = 'destination-lakehouse'`;
    const r = await c.query(`SELECT pg_terminate_backend(pid, 10000) AS ok ${sessions}`, [database]);
    return r.rows.filter((x: { ok: boolean }) => x.ok).length;
  } finally {
    await c.end();
  }
}
