import fs from 'node:fs';
import path from 'node:path';
import { startReplayServer, type ReplayRoute } from '../../cdk/testing/replay-server';

/**
 * The folder holding the recorded responses: beside `src/` in a checkout; a build in `dist/` reads
 * them from the checkout it was built from.
 */
export const FIXTURES_DIR = [
  path.join(__dirname, '..', 'fixtures'),
  path.join(__dirname, '..', '..', '..', '..', 'connectors', 'source-mitpe', 'fixtures'),
].find((d) => fs.existsSync(d)) as string;

/** Replay-server routes for the MIT PE feed: the three recorded pages (the last one empty). */
export function mitpeReplayRoutes(fixturesDir = FIXTURES_DIR): ReplayRoute[] {
  return [0, 1, 2].map((n) => ({
    path: '/feeds/courses/',
    query: { page: String(n) },
    file: path.join(fixturesDir, `professional_ed_resources_${n}.json`),
  }));
}

/** A config that reads the replay server. */
export function mitpeReplayConfig(baseUrl: string): Record<string, unknown> {
  return { base_url: baseUrl };
}

/**
 * `npx tsx connectors/source-mitpe/src/replay-routes.ts [port]`: serve the recorded responses on 127.0.0.1 until
 * interrupted, and print the URL and a config pointing at it (for trying the connector offline).
 */
if (require.main === module) {
  const port = Number(process.argv[2] ?? 0);
  void startReplayServer(mitpeReplayRoutes(), { port }).then((server) => {
    process.stdout.write(`${server.url}\n${JSON.stringify(mitpeReplayConfig(server.url))}\n`);
    process.on('SIGINT', () => void server.close().then(() => process.exit(0)));
    process.on('SIGTERM', () => void server.close().then(() => process.exit(0)));
  });
}
