import path from 'node:path';
import { acceptanceSuite } from '../../cdk/testing/acceptance';
import { CONTENTS_PATH, podcastsReplayRoutes } from '../src/replay-routes';

acceptanceSuite({
  entry: path.join(__dirname, '..', 'src', 'index.ts'),
  routes: () => podcastsReplayRoutes(),
  config: (baseUrl) => ({
    podcast_configs_url: `${baseUrl}${CONTENTS_PATH}`,
    github_token: 'ghp-podcasts-test-token-2f304a',
    retry_backoff_seconds: 0,
  }),
  invalidConfig: (baseUrl) => ({
    config: { podcast_configs_url: baseUrl.replace('http', 'ftp') },
    field: 'podcast_configs_url',
  }),
  incrementalStreams: ['episodes'],
});
