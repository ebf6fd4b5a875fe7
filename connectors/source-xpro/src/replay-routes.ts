import fs from 'node:fs';
import path from 'node:path';
import { startReplayServer, type ReplayRoute } from '../../cdk/testing/replay-server';

/**
 * The folder holding the recorded responses: beside `src/` in a checkout; a build in `dist/` reads
 * them from the checkout it was built from.
 */
export const FIXTURES_DIR = [
  path.join(__dirname, '..', 'fixtures'),
  path.join(__dirname, '..', '..', '..', '..', 'connectors', 'source-xpro', 'fixtures'),
].find((d) => fs.existsSync(d)) as string;

/** Replay-server routes for xPRO from the recorded responses. Used by the tests and for offline runs. */
export function xproReplayRoutes(fixturesDir = FIXTURES_DIR): ReplayRoute[] {
  return [
    { path: '/api/courses/', file: path.join(fixturesDir, 'xpro_courses.json') },
    { path: '/api/programs/', file: path.join(fixturesDir, 'xpro_programs.json') },
  ];
}

/** A config that reads the replay server. */
export function xproReplayConfig(baseUrl: string): Record<string, unknown> {
  return { base_url: baseUrl };
}

/**
 * `npx tsx connectors/source-xpro/src/replay-routes.ts [port]`: serve the recorded responses on 127.0.0.1 until
 * interrupted, and print the URL and a config pointing at it (for trying the connector offline).
 */
if (require.main === module) {
  const port = Number(process.argv[2] ?? 0);
  void startReplayServer(xproReplayRoutes(), { port }).then((server) => {
    process.stdout.write(`${server.url}\n${JSON.stringify(xproReplayConfig(server.url))}\n`);
    process.on('SIGINT', () => void server.close().then(() => process.exit(0)));
    process.on('SIGTERM', () => void server.close().then(() => process.exit(0)));
  });
}
