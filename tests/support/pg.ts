import { randomBytes } from 'node:crypto';
import { Client } from 'pg';

/** The server URL jest's global setup started (or the PG_URL given to the run). */
export function serverUrl(): string {
  const url = process.env.PG_URL;
  if (!url)
    throw new Error(
      'PG_URL is not set: run the tests through jest (tests/support/global-setup.mjs starts PostgreSQL)',
    );
  return url;
}

/** A fresh, empty database for one test file; `drop()` removes it. */
export async function createTestDatabase(
  prefix = 't',
): Promise<{ url: string; name: string; drop: () => Promise<void> }> {
  const name = `${prefix}_${randomBytes(5).toString('hex')}`;
  const admin = new Client({ connectionString: serverUrl() });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE "${name}"`);
  } finally {
    await admin.end();
  }
  const url = new URL(serverUrl());
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    name,
    drop: async () => {
      const c = new Client({ connectionString: serverUrl() });
      await c.connect();
      try {
        await c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      } finally {
        await c.end();
      }
    },
  };
}
