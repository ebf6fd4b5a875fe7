import path from 'node:path';
import { acceptanceSuite } from '../../cdk/testing/acceptance';
import { sloanConfig, sloanRoutes } from './sloan-routes';

acceptanceSuite({
  entry: path.join(__dirname, '..', 'src', 'index.ts'),
  routes: () =>
    sloanRoutes({
      courses: [{ status: 429, headers: { 'Retry-After': '0' } }],
      offerings: [{ status: 503 }],
    }),
  config: (baseUrl) => sloanConfig(baseUrl),
  incrementalStreams: ['courses'],
});
