import path from 'node:path';
import { acceptanceSuite } from '../../cdk/testing/acceptance';
import { ollReplayConfig, ollReplayRoutes } from '../src/replay-routes';

acceptanceSuite({
  entry: path.join(__dirname, '..', 'src', 'index.ts'),
  // the CSV export, with a 429 and then a 503 before its first answer
  routes: () =>
    ollReplayRoutes().map((r) => ({
      ...r,
      faults: [{ status: 429, headers: { 'Retry-After': '0' } }, { status: 503 }],
    })),
  config: (baseUrl) => ({ ...ollReplayConfig(baseUrl), retry_backoff_seconds: 0 }),
});
