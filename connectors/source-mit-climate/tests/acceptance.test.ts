import path from 'node:path';
import { acceptanceSuite } from '../../cdk/testing/acceptance';

const fixture = (name: string) => path.join(__dirname, '..', 'fixtures', name);

acceptanceSuite({
  entry: path.join(__dirname, '..', 'src', 'index.ts'),
  routes: [
    {
      path: '/feeds/explainers',
      file: fixture('explainers.json'),
      faults: [{ status: 429, headers: { 'Retry-After': '0' } }],
    },
    { path: '/feeds/ask-mit-climate', file: fixture('ask_mit_climate.json'), faults: [{ status: 503 }] },
  ],
  config: (baseUrl) => ({ base_url: baseUrl, retry_backoff_seconds: 0 }),
});
