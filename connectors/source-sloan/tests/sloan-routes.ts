import path from 'node:path';
import type { RecordedRequest, ReplayResponse, ReplayRoute } from '../../cdk/testing/replay-server';

export const CLIENT_ID = 'learnflow-sloan-client';
export const CLIENT_SECRET = 'sloan-test-secret-77e2';
export const TOKEN = 'sloan-access-token-0f3a';

const fixture = (name: string) => path.join(__dirname, '..', 'fixtures', name);

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

export function sloanRoutes(
  faults: {
    courses?: ReplayRoute['faults'];
    offerings?: ReplayRoute['faults'];
    token?: ReplayRoute['faults'];
  } = {},
): ReplayRoute[] {
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

export function sloanConfig(
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
