import path from 'node:path';
import { acceptanceSuite } from '../../cdk/testing/acceptance';

acceptanceSuite({
  entry: path.join(__dirname, '..', 'src', 'index.ts'),
  routes: [
    {
      path: '/spreadsheets/d/oll/export',
      query: { format: 'csv' },
      headers: { 'content-type': 'text/csv; charset=utf-8' },
      file: path.join(__dirname, '..', 'fixtures', 'oll_metadata.csv'),
      faults: [{ status: 429, headers: { 'Retry-After': '0' } }, { status: 503 }],
    },
  ],
  config: (baseUrl) => ({
    csv_source: { source_type: 'url', url: `${baseUrl}/spreadsheets/d/oll/export?format=csv` },
    retry_backoff_seconds: 0,
  }),
});
