import fs from 'node:fs';
import path from 'node:path';
import {
  startReplayServer,
  type RecordedRequest,
  type ReplayResponse,
  type ReplayRoute,
} from '../../cdk/testing/replay-server';

/**
 * The folder holding the recorded responses: beside `src/` in a checkout; a build in `dist/` reads
 * them from the checkout it was built from.
 */
export const FIXTURES_DIR = [
  path.join(__dirname, '..', 'fixtures'),
  path.join(__dirname, '..', '..', '..', '..', 'connectors', 'source-sloan', 'fixtures'),
].find((d) => fs.existsSync(d)) as string;

/** The client credentials the replay token endpoint accepts (not real credentials). */
export const CLIENT_ID = 'learnflow-sloan-client';
export const CLIENT_SECRET = 'sloan-test-secret-77e2';
export const TOKEN = 'sloan-access-token-0f3a';

/** The OAuth2 token endpoint: client credentials in the form, a bearer token back; 401 otherwise. */
export function tokenHandler(req: RecordedRequest): ReplayResponse {
  const form = new URLSearchParams(req.body);
  const ok =
    form.get('grant_type') === 'client_credentials' &&
    form.get('client_id') === CLIENT_ID &&
    form.get('client_secret') === CLIENT_SECRET;
  if (!ok) return { status: 401, body: { error: 'invalid_client' } };
  return { body: { access_token: TOKEN, token_type: 'Bearer', expires_in: 1800 } };
}

/** Replay-server routes for Sloan: the token endpoint and the two recorded lists behind its bearer token. */
export function sloanReplayRoutes(
  faults: {
    courses?: ReplayRoute['faults'];
    offerings?: ReplayRoute['faults'];
    token?: ReplayRoute['faults'];
  } = {},
  fixturesDir = FIXTURES_DIR,
): ReplayRoute[] {
  const fixture = (name: string) => path.join(fixturesDir, name);
  const auth = { authorization: `Bearer ${TOKEN}` };
  return [
    { method: 'POST', path: '/oauth/token', handler: tokenHandler, faults: faults.token },
    {
      path: '/api/courses',
      requireHeaders: auth,
      file: fixture('test_sloan_courses.json'),
      faults: faults.courses,
    },
    {
      path: '/api/course-offerings',
      requireHeaders: auth,
      file: fixture('test_sloan_runs.json'),
      faults: faults.offerings,
    },
    { path: '/api/courses', status: 401, body: { error: 'unauthorized' } },
    { path: '/api/course-offerings', status: 401, body: { error: 'unauthorized' } },
  ];
}

export function sloanReplayConfig(
  baseUrl: string,
  overrides: Record<string, unknown> = {},
): Record<string, unknown> {
  return {
    base_url: `${baseUrl}/api/`,
    token_url: `${baseUrl}/oauth/token`,
    client_id: CLIENT_ID,
    client_secret: CLIENT_SECRET,
    retry_backoff_seconds: 0,
    ...overrides,
  };
}

/**
 * `npx tsx connectors/source-sloan/src/replay-routes.ts [port]`: serve the recorded responses on 127.0.0.1 until
 * interrupted, and print the URL and a config pointing at it (for trying the connector offline).
 */
if (require.main === module) {
  const port = Number(process.argv[2] ?? 0);
  void startReplayServer(sloanReplayRoutes(), { port }).then((server) => {
    process.stdout.write(`${server.url}\n${JSON.stringify(sloanReplayConfig(server.url))}\n`);
    process.on('SIGINT', () => void server.close().then(() => process.exit(0)));
    process.on('SIGTERM', () => void server.close().then(() => process.exit(0)));
  });
}
