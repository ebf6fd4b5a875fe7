import path from 'node:path';
import { acceptanceSuite } from './acceptance';
import { eventsRoutes } from './examples/events-source';

// The kit's own run of the acceptance suite, on an incremental example source (source-mitxonline
// covers the full-refresh side with recorded responses).
const TOKEN = 'example-bearer-token-77f1';
acceptanceSuite({
  entry: path.join(__dirname, 'examples', 'events-source.ts'),
  name: 'source-example-events',
  routes: () => eventsRoutes(TOKEN),
  config: (baseUrl) => ({ base_url: baseUrl, token: TOKEN, retry_backoff_seconds: 0 }),
  incrementalStreams: ['events'],
});
