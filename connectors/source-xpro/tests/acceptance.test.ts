import path from 'node:path';
import { acceptanceSuite } from '../../cdk/testing/acceptance';
import { xproReplayConfig, xproReplayRoutes } from '../src/replay-routes';

acceptanceSuite({
  entry: path.join(__dirname, '..', 'src', 'index.ts'),
  // the recorded responses, with a 429 before the first courses answer and a 503 before the first programs one
  routes: () =>
    xproReplayRoutes().map((r) => ({
      ...r,
      faults: [
        r.path === '/api/courses/' ? { status: 429, headers: { 'Retry-After': '0' } } : { status: 503 },
      ],
    })),
  config: (baseUrl) => ({ ...xproReplayConfig(baseUrl), retry_backoff_seconds: 0 }),
});
