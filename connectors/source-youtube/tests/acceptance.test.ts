import path from 'node:path';
import { acceptanceSuite } from '../../cdk/testing/acceptance';
import { API_PATH, youtubeReplayRoutes } from '../src/replay-routes';

acceptanceSuite({
  entry: path.join(__dirname, '..', 'src', 'index.ts'),
  routes: () => youtubeReplayRoutes(),
  config: (baseUrl) => ({
    api_key: 'AIza-youtube-test-key-2f304a',
    base_url: `${baseUrl}${API_PATH}`,
    channels_config_url: `${baseUrl}/channels.yaml`,
    retry_backoff_seconds: 0,
  }),
  incrementalStreams: ['videos'],
});
