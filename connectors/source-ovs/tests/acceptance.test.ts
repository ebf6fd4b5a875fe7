import path from 'node:path';
import { acceptanceSuite } from '../../cdk/testing/acceptance';

acceptanceSuite({
  entry: path.join(__dirname, '..', 'src', 'index.ts'),
  routes: [
    {
      path: '/api/v0/public/videos/',
      query: { include_in_learn: 'true' },
      file: path.join(__dirname, '..', 'fixtures', 'ovs_videos.json'),
      faults: [{ status: 429, headers: { 'Retry-After': '0' } }, { status: 503 }],
    },
  ],
  config: (baseUrl) => ({ base_url: baseUrl, retry_backoff_seconds: 0 }),
});
