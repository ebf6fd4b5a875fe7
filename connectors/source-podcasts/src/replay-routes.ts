import fs from 'node:fs';
import path from 'node:path';
import type { ReplayRoute } from '../../cdk/testing/replay-server';

/** The folder holding the recorded and synthetic responses (it sits beside `src/`). */
export const FIXTURES_DIR = path.join(__dirname, '..', 'fixtures');

/** The GitHub contents-API path the replay server lists the configs at. */
export const CONTENTS_PATH = '/repos/mitodl/open-podcast-data/contents/podcasts';

/**
 * Replay-server routes: a GitHub contents-API listing of `fixtures/podcasts/` (download URLs pointing
 * back at the server), one raw route per config, and the two feeds. `{{baseUrl}}` in the configs
 * becomes the server's URL.
 */
export function podcastsReplayRoutes(fixturesDir = FIXTURES_DIR): ReplayRoute[] {
  const dir = path.join(fixturesDir, 'podcasts');
  const names = fs.readdirSync(dir).sort();
  const listing = names.map((name) => ({
    name,
    path: `podcasts/${name}`,
    type: 'file',
    download_url: `{{baseUrl}}/raw/mitodl/open-podcast-data/master/podcasts/${name}`,
  }));
  return [
    { path: CONTENTS_PATH, body: JSON.stringify(listing), headers: { 'content-type': 'application/json' } },
    ...names.map((name) => ({
      path: `/raw/mitodl/open-podcast-data/master/podcasts/${name}`,
      file: path.join(dir, name),
      headers: { 'content-type': 'text/plain; charset=utf-8' },
    })),
    { path: '/feeds/a-podcast.rss', file: path.join(fixturesDir, 'test_podcast.rss') },
    { path: '/feeds/broken-items.rss', file: path.join(fixturesDir, 'broken-items.rss') },
  ];
}
