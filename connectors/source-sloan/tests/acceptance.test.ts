import path from 'node:path';
import { acceptanceSuite } from '../../cdk/testing/acceptance';
import { sloanReplayConfig, sloanReplayRoutes } from '../src/replay-routes';

acceptanceSuite({
  entry: path.join(__dirname, '..', 'src', 'index.ts'),
  routes: () =>
    sloanReplayRoutes({
      courses: [{ status: 429, headers: { 'Retry-After': '0' } }],
      offerings: [{ status: 503 }],
    }),
  config: (baseUrl) => sloanReplayConfig(baseUrl),
  incrementalStreams: ['courses'],
});
