import fs from 'node:fs';
import path from 'node:path';
import { startReplayServer, type ReplayRoute } from '../../cdk/testing/replay-server';

/**
 * The folder holding the recorded responses: beside `src/` in a checkout; a build in `dist/` reads
 * them from the checkout it was built from.
 */
export const FIXTURES_DIR = [
  path.join(__dirname, '..', 'fixtures'),
  path.join(__dirname, '..', '..', '..', '..', 'connectors', 'source-ovs', 'fixtures'),
].find((d) => fs.existsSync(d)) as string;

/** Replay-server routes for OVS: the recorded videos as two DRF pages, behind the Learn filter. */
export function ovsReplayRoutes(fixturesDir = FIXTURES_DIR): ReplayRoute[] {
  return [
    {
      path: '/api/v0/public/videos/',
      query: { include_in_learn: 'true', page: null },
      file: path.join(fixturesDir, 'ovs_videos_page_1.json'),
    },
    {
      path: '/api/v0/public/videos/',
      query: { include_in_learn: 'true', page: '2' },
      file: path.join(fixturesDir, 'ovs_videos_page_2.json'),
    },
  ];
}

/** A config that reads the replay server. */
export function ovsReplayConfig(baseUrl: string): Record<string, unknown> {
  return { base_url: baseUrl };
}

/**
 * `npx tsx connectors/source-ovs/src/replay-routes.ts [port]`: serve the recorded responses on 127.0.0.1 until
 * interrupted, and print the URL and a config pointing at it (for trying the connector offline).
 */
if (require.main === module) {
  const port = Number(process.argv[2] ?? 0);
  void startReplayServer(ovsReplayRoutes(), { port }).then((server) => {
    process.stdout.write(`${server.url}\n${JSON.stringify(ovsReplayConfig(server.url))}\n`);
    process.on('SIGINT', () => void server.close().then(() => process.exit(0)));
    process.on('SIGTERM', () => void server.close().then(() => process.exit(0)));
  });
}
