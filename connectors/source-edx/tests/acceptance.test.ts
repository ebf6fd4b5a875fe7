import path from 'node:path';
import { acceptanceSuite } from '../../cdk/testing/acceptance';
import { edxReplayConfig, edxReplayRoutes } from '../src/replay-routes';

acceptanceSuite({
  entry: path.join(__dirname, '..', 'src', 'index.ts'),
  routes: () =>
    edxReplayRoutes({
      coursesFaults: [{ status: 429, headers: { 'Retry-After': '0' } }],
      programsFaults: [{ status: 503 }],
    }),
  config: (baseUrl) => edxReplayConfig(baseUrl),
  incrementalStreams: ['courses', 'programs'],
});
