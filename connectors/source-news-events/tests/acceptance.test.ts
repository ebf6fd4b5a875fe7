import path from 'node:path';
import { acceptanceSuite } from '../../cdk/testing/acceptance';
import { MEDIUM_PATH, newsEventsReplayRoutes } from '../src/replay-routes';

acceptanceSuite({
  entry: path.join(__dirname, '..', 'src', 'index.ts'),
  routes: () => newsEventsReplayRoutes(),
  config: (baseUrl) => ({
    medium_feed_url: `${baseUrl}${MEDIUM_PATH}`,
    mitpe_base_url: baseUrl,
    ol_events_base_url: baseUrl,
    sloan_base_url: baseUrl,
    retry_backoff_seconds: 0,
  }),
  invalidConfig: (baseUrl) => ({
    config: { mitpe_base_url: baseUrl.replace('http', 'gopher') },
    field: 'mitpe_base_url',
  }),
  incrementalStreams: ['medium_news', 'mitpe_news', 'ol_events', 'sloan_exec_news'],
});
