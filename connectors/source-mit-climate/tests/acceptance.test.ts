import path from 'node:path';
import { acceptanceSuite } from '../../cdk/testing/acceptance';
import { mitClimateReplayConfig, mitClimateReplayRoutes } from '../src/replay-routes';

acceptanceSuite({
  entry: path.join(__dirname, '..', 'src', 'index.ts'),
  // both feeds, with a 429 before the first explainers answer and a 503 before the first ask-mit-climate one
  routes: () =>
    mitClimateReplayRoutes().map((r) => ({
      ...r,
      faults: [
        r.path === '/feeds/explainers' ? { status: 429, headers: { 'Retry-After': '0' } } : { status: 503 },
      ],
    })),
  config: (baseUrl) => ({ ...mitClimateReplayConfig(baseUrl), retry_backoff_seconds: 0 }),
});
