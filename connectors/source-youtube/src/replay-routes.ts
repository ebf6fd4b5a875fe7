import fs from 'node:fs';
import path from 'node:path';
import type { ReplayRoute } from '../../cdk/testing/replay-server';

/** The folder holding the recorded responses and the synthetic channels config (beside `src/`). */
export const FIXTURES_DIR = path.join(__dirname, '..', 'fixtures');
export const API_PATH = '/youtube/v3';

const fixture = (name: string) => path.join(FIXTURES_DIR, name);
const withKey = { key: /.+/ };

/**
 * Replay routes for the YouTube Data API v3 from the recorded responses: the channels config YAML,
 * channels.list, playlists.list by channel, two pages of playlistItems.list chained by `nextPageToken`
 * (the first recorded page is served with `nextPageToken: CDIQAQ`, the token the second recorded page
 * names as its `prevPageToken`), and videos.list.
 */
export function youtubeReplayRoutes(): ReplayRoute[] {
  const firstItems = JSON.parse(fs.readFileSync(fixture('playlistItems.list.0.json'), 'utf8')) as Record<
    string,
    unknown
  >;
  return [
    {
      path: '/channels.yaml',
      file: fixture('channels.yaml'),
      headers: { 'content-type': 'application/yaml' },
    },
    {
      path: `${API_PATH}/channels`,
      query: { ...withKey, part: 'snippet,contentDetails' },
      file: fixture('channels.list.0.json'),
    },
    {
      path: `${API_PATH}/playlists`,
      query: { ...withKey, channelId: 'UCTBMWu8yshnAmpzR3MoJFtw' },
      file: fixture('playlists.list.0.json'),
    },
    {
      path: `${API_PATH}/playlistItems`,
      query: { ...withKey, pageToken: 'CDIQAQ' },
      file: fixture('playlistItems.list_next.0.json'),
    },
    {
      path: `${API_PATH}/playlistItems`,
      query: { ...withKey, playlistId: 'PLTz-v-F773kXwTSKsX_E9t8ZnP_3LYaGy', pageToken: null },
      body: { ...firstItems, nextPageToken: 'CDIQAQ' },
    },
    {
      path: `${API_PATH}/videos`,
      query: { ...withKey, part: 'snippet,contentDetails' },
      file: fixture('videos.list.0.json'),
    },
  ];
}
