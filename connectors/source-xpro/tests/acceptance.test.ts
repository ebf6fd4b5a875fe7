import path from 'node:path';
import { acceptanceSuite } from '../../cdk/testing/acceptance';

const fixtures = path.join(__dirname, '..', 'fixtures');

acceptanceSuite({
  entry: path.join(__dirname, '..', 'src', 'index.ts'),
  routes: [
    {
      path: '/api/courses/',
      file: path.join(fixtures, 'xpro_courses.json'),
      faults: [{ status: 429, headers: { 'Retry-After': '0' } }],
    },
    { path: '/api/programs/', file: path.join(fixtures, 'xpro_programs.json'), faults: [{ status: 503 }] },
  ],
  config: (baseUrl) => ({ base_url: baseUrl, retry_backoff_seconds: 0 }),
});
