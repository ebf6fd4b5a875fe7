import fs from 'node:fs';
import path from 'node:path';
import { startReplayServer, type ReplayRoute } from '../../cdk/testing/replay-server';

/**
 * The folder holding the recorded responses: beside `src/` in a checkout; a build in `dist/` reads
 * them from the checkout it was built from.
 */
export const FIXTURES_DIR = [
  path.join(__dirname, '..', 'fixtures'),
  path.join(__dirname, '..', '..', '..', '..', 'connectors', 'source-oll', 'fixtures'),
].find((d) => fs.existsSync(d)) as string;

/** Replay-server route for the OLL metadata CSV, as a Google-Sheet-style CSV export URL. */
export function ollReplayRoutes(fixturesDir = FIXTURES_DIR): ReplayRoute[] {
  return [
    {
      path: '/spreadsheets/d/oll/export',
      query: { format: 'csv' },
      headers: { 'content-type': 'text/csv; charset=utf-8' },
      file: path.join(fixturesDir, 'oll_metadata.csv'),
    },
  ];
}

/** A config that reads the replay server. */
export function ollReplayConfig(baseUrl: string): Record<string, unknown> {
  return { csv_source: { source_type: 'url', url: `${baseUrl}/spreadsheets/d/oll/export?format=csv` } };
}

/**
 * `npx tsx connectors/source-oll/src/replay-routes.ts [port]`: serve the recorded responses on 127.0.0.1 until
 * interrupted, and print the URL and a config pointing at it (for trying the connector offline).
 */
if (require.main === module) {
  const port = Number(process.argv[2] ?? 0);
  void startReplayServer(ollReplayRoutes(), { port }).then((server) => {
    process.stdout.write(`${server.url}\n${JSON.stringify(ollReplayConfig(server.url))}\n`);
    process.on('SIGINT', () => void server.close().then(() => process.exit(0)));
    process.on('SIGTERM', () => void server.close().then(() => process.exit(0)));
  });
}
