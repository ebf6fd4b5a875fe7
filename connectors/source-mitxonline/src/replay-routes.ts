import fs from 'node:fs';
import path from 'node:path';
import { startReplayServer, type ReplayRoute } from '../../cdk/testing/replay-server';

/**
 * The folder holding the recorded responses: beside `src/` in a checkout; a build in `dist/` reads
 * them from the checkout it was built from.
 */
export const FIXTURES_DIR = [
  path.join(__dirname, '..', 'fixtures'),
  path.join(__dirname, '..', '..', '..', '..', 'connectors', 'source-mitxonline', 'fixtures'),
].find((d) => fs.existsSync(d)) as string;

/**
 * Replay-server routes for MITx Online from the recorded responses: the courses and programs pages and
 * a detail route per course and program in them. Used by the tests and by the offline demo.
 */
export function mitxonlineReplayRoutes(fixturesDir = FIXTURES_DIR): ReplayRoute[] {
  const coursesFile = path.join(fixturesDir, 'mitxonline_courses.json');
  const programsFile = path.join(fixturesDir, 'mitxonline_programs.json');
  const detail = (file: string) =>
    (JSON.parse(fs.readFileSync(file, 'utf8')) as { results: Array<{ id: number }> }).results.map((item) => ({
      id: item.id,
      item,
    }));
  return [
    { path: '/api/v2/courses/', file: coursesFile },
    { path: '/api/v2/programs/', file: programsFile },
    ...detail(coursesFile).map(({ id, item }) => ({ path: `/api/v2/courses/${id}/`, body: item })),
    ...detail(programsFile).map(({ id, item }) => ({ path: `/api/v2/programs/${id}/`, body: item })),
  ];
}

/**
 * `npx tsx connectors/source-mitxonline/src/replay-routes.ts [port]`: serve the recorded MITx Online
 * API on 127.0.0.1 until interrupted (for trying the connector offline).
 */
if (require.main === module) {
  const port = Number(process.argv[2] ?? 0);
  void startReplayServer(mitxonlineReplayRoutes(), { port }).then((server) => {
    process.stdout.write(`${server.url}\n`);
    process.on('SIGINT', () => void server.close().then(() => process.exit(0)));
    process.on('SIGTERM', () => void server.close().then(() => process.exit(0)));
  });
}
