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
  path.join(__dirname, '..', '..', '..', '..', 'connectors', 'source-edx', 'fixtures'),
].find((d) => fs.existsSync(d)) as string;

/** The client credentials the replay token endpoint accepts (not real edX credentials). */
export const CLIENT_ID = 'learnflow-test-client';
export const CLIENT_SECRET = 'edx-test-secret-8c1f';
export const TOKEN = 'eyJ0eXAiOiJKV1QifQ.test-jwt';

/**
 * The token endpoint: a form-encoded client-credentials POST that must ask for a JWT; anything else
 * is refused the way edX refuses it (401).
 */
export function tokenHandler(req: RecordedRequest): ReplayResponse {
  const form = new URLSearchParams(req.body);
  const ok =
    form.get('grant_type') === 'client_credentials' &&
    form.get('token_type') === 'jwt' &&
    form.get('client_id') === CLIENT_ID &&
    form.get('client_secret') === CLIENT_SECRET;
  if (!ok) return { status: 401, body: { error: 'invalid_client' } };
  return { body: { access_token: TOKEN, expires_in: 3600, token_type: 'JWT', scope: 'read' } };
}

const authorized = { authorization: `JWT ${TOKEN}` };

/** The recorded pages behind the JWT; requests without it get 401. */
export function edxReplayRoutes(
  extra: { coursesFaults?: ReplayRoute['faults']; programsFaults?: ReplayRoute['faults'] } = {},
  fixturesDir = FIXTURES_DIR,
): ReplayRoute[] {
  const fixture = (name: string) => path.join(fixturesDir, name);
  const courses = '/catalog/v1/catalogs/10/courses';
  const programs = '/api/v1/programs/';
  return [
    { method: 'POST', path: '/oauth2/v1/access_token', handler: tokenHandler },
    {
      path: courses,
      query: { page: null },
      requireHeaders: authorized,
      file: fixture('courses_page_1.json'),
      faults: extra.coursesFaults,
    },
    { path: courses, query: { page: '2' }, requireHeaders: authorized, file: fixture('courses_page_2.json') },
    {
      path: programs,
      query: { page: null },
      requireHeaders: authorized,
      file: fixture('programs_page_1.json'),
      faults: extra.programsFaults,
    },
    {
      path: programs,
      query: { page: '2' },
      requireHeaders: authorized,
      file: fixture('programs_page_2.json'),
    },
    { path: courses, status: 401, body: { detail: 'Authentication credentials were not provided.' } },
    { path: programs, status: 401, body: { detail: 'Authentication credentials were not provided.' } },
  ];
}

export function edxReplayConfig(
  baseUrl: string,
  overrides: Record<string, unknown> = {},
): Record<string, unknown> {
  return {
    client_id: CLIENT_ID,
    client_secret: CLIENT_SECRET,
    token_url: `${baseUrl}/oauth2/v1/access_token`,
    courses_url: `${baseUrl}/catalog/v1/catalogs/10/courses`,
    programs_url: `${baseUrl}/api/v1/programs/`,
    retry_backoff_seconds: 0,
    ...overrides,
  };
}

/**
 * `npx tsx connectors/source-edx/src/replay-routes.ts [port]`: serve the recorded responses on 127.0.0.1 until
 * interrupted, and print the URL and a config pointing at it (for trying the connector offline).
 */
if (require.main === module) {
  const port = Number(process.argv[2] ?? 0);
  void startReplayServer(edxReplayRoutes(), { port }).then((server) => {
    process.stdout.write(`${server.url}\n${JSON.stringify(edxReplayConfig(server.url))}\n`);
    process.on('SIGINT', () => void server.close().then(() => process.exit(0)));
    process.on('SIGTERM', () => void server.close().then(() => process.exit(0)));
  });
}
