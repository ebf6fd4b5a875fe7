import path from 'node:path';
import { acceptanceSuite } from '../../cdk/testing/acceptance';
import { mitpeReplayConfig, mitpeReplayRoutes } from '../src/replay-routes';

acceptanceSuite({
  entry: path.join(__dirname, '..', 'src', 'index.ts'),
  // the three recorded pages, with a 429 before page 0 and a 503 before page 1
  routes: () =>
    mitpeReplayRoutes().map((r, i) => ({
      ...r,
      faults: i === 0 ? [{ status: 429, headers: { 'Retry-After': '0' } }] : i === 1 ? [{ status: 503 }] : [],
    })),
  config: (baseUrl) => ({ ...mitpeReplayConfig(baseUrl), retry_backoff_seconds: 0 }),
});
