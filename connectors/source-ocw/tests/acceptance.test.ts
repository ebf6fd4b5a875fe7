import path from 'node:path';
import { acceptanceSuite } from '../../cdk/testing/acceptance';
import {
  ACCESS_KEY_ID,
  SECRET_ACCESS_KEY,
  fakeS3Routes,
  fixtureObjects,
  ocwReplayConfig,
} from '../src/replay-routes';

const times = ['2024-09-24T15:02:11.000Z', '2025-01-10T08:00:00.000Z', '2026-04-17T12:30:00.000Z'];

acceptanceSuite({
  entry: path.join(__dirname, '..', 'src', 'index.ts'),
  routes: () =>
    fakeS3Routes(
      fixtureObjects((key) => times[key.length % times.length]),
      {
        credentials: { accessKeyId: ACCESS_KEY_ID, secretAccessKey: SECRET_ACCESS_KEY },
        listFaults: [{ status: 503 }],
        getFaults: [{ status: 429, headers: { 'Retry-After': '0' } }],
      },
    ),
  // one key per listing page: every listing goes through continuation tokens
  config: (baseUrl) => ocwReplayConfig(baseUrl, { page_size: 1 }),
  invalidConfig: (baseUrl) => ({
    config: ocwReplayConfig(baseUrl, { storage: { storage_type: 's3', bucket: undefined } }),
    field: 'storage',
  }),
  incrementalStreams: ['courses', 'pages', 'resources'],
});
