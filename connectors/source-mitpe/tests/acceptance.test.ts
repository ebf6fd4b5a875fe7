import path from 'node:path';
import { acceptanceSuite } from '../../cdk/testing/acceptance';

const fixture = (n: number) => path.join(__dirname, '..', 'fixtures', `professional_ed_resources_${n}.json`);

acceptanceSuite({
  entry: path.join(__dirname, '..', 'src', 'index.ts'),
  routes: [
    {
      path: '/feeds/courses/',
      query: { page: '0' },
      file: fixture(0),
      faults: [{ status: 429, headers: { 'Retry-After': '0' } }],
    },
    { path: '/feeds/courses/', query: { page: '1' }, file: fixture(1), faults: [{ status: 503 }] },
    { path: '/feeds/courses/', query: { page: '2' }, file: fixture(2) },
  ],
  config: (baseUrl) => ({ base_url: baseUrl, retry_backoff_seconds: 0 }),
});
