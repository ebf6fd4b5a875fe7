import path from 'node:path';
import { acceptanceSuite } from '../../cdk/testing/acceptance';
import { ovsReplayConfig, ovsReplayRoutes } from '../src/replay-routes';

acceptanceSuite({
  entry: path.join(__dirname, '..', 'src', 'index.ts'),
  // the two pages, with a 429 before page 1 and a 503 before page 2
  routes: () =>
    ovsReplayRoutes().map((r, i) => ({
      ...r,
      faults: [i === 0 ? { status: 429, headers: { 'Retry-After': '0' } } : { status: 503 }],
    })),
  config: (baseUrl) => ({ ...ovsReplayConfig(baseUrl), retry_backoff_seconds: 0 }),
});
