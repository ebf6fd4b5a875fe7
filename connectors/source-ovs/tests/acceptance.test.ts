import path from 'node:path';
import { acceptanceSuite } from '../../cdk/testing/acceptance';

const fixture = (name: string) => path.join(__dirname, '..', 'fixtures', name);

acceptanceSuite({
  entry: path.join(__dirname, '..', 'src', 'index.ts'),
  routes: [
    {
      path: '/api/v0/public/videos/',
      query: { include_in_learn: 'true', page: null },
      file: fixture('ovs_videos_page_1.json'),
      faults: [{ status: 429, headers: { 'Retry-After': '0' } }],
    },
    {
      path: '/api/v0/public/videos/',
      query: { include_in_learn: 'true', page: '2' },
      file: fixture('ovs_videos_page_2.json'),
      faults: [{ status: 503 }],
    },
  ],
  config: (baseUrl) => ({ base_url: baseUrl, retry_backoff_seconds: 0 }),
});
