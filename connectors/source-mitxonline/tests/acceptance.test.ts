import path from 'node:path';
import { acceptanceSuite } from '../../cdk/testing/acceptance';
import { mitxonlineReplayRoutes } from '../src/replay-routes';

acceptanceSuite({
  entry: path.join(__dirname, '..', 'src', 'index.ts'),
  routes: () => mitxonlineReplayRoutes(),
  config: (baseUrl) => ({
    base_url: baseUrl,
    api_key: 'mitxonline-test-key-2f304a',
    retry_backoff_seconds: 0,
  }),
  invalidConfig: (baseUrl) => ({ config: { base_url: baseUrl, page_size: 'lots' }, field: 'page_size' }),
  incrementalStreams: [],
});
