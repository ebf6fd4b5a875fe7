import path from 'node:path';
import { acceptanceSuite } from '../../cdk/testing/acceptance';
import { edxConfig, edxRoutes } from './edx-routes';

acceptanceSuite({
  entry: path.join(__dirname, '..', 'src', 'index.ts'),
  routes: () =>
    edxRoutes({
      coursesFaults: [{ status: 429, headers: { 'Retry-After': '0' } }],
      programsFaults: [{ status: 503 }],
    }),
  config: (baseUrl) => edxConfig(baseUrl),
  incrementalStreams: ['courses', 'programs'],
});
