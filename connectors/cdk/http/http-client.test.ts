import { createConnectorLogger } from '../logger';
import { ConfigurationError, SystemError, TransientError } from '../errors';
import { startReplayServer, type ReplayRoute, type ReplayServer } from '../testing/replay-server';
import {
  ApiKeyAuthenticator,
  BearerAuthenticator,
  OAuth2ClientCredentials,
  OAuth2RefreshToken,
  type Authenticator,
} from './authenticators';
import { parseRetryAfter, retryDelayMs } from './backoff';
import { HttpClient } from './http-client';

const servers: ReplayServer[] = [];
afterAll(async () => Promise.all(servers.map((s) => s.close())));
async function serve(routes: ReplayRoute[]) {
  const s = await startReplayServer(routes);
  servers.push(s);
  return s;
}

function client(url: string, extra: Partial<ConstructorParameters<typeof HttpClient>[0]> = {}) {
  const waits: number[] = [];
  const logs: string[] = [];
  const logger = createConnectorLogger({ write: (l) => logs.push(l) });
  const c = new HttpClient({
    baseUrl: url,
    logger,
    maxRetries: 3,
    backoff: { baseMs: 100, maxMs: 10_000 },
    sleep: async (ms) => {
      waits.push(ms);
    },
    random: () => 1,
    ...extra,
  });
  return { c, waits, logs, logger };
}

test('retries 503 with exponential backoff, then succeeds', async () => {
  const s = await serve([{ path: '/x', body: { ok: true }, faults: [{ status: 503 }, { status: 503 }] }]);
  const { c, waits } = client(s.url);
  const r = await c.send({ url: '/x' });
  expect(r.data).toEqual({ ok: true });
  expect(waits).toEqual([100, 200]);
  expect(s.requests.map((q) => q.served)).toEqual(['status 503', 'status 503', 'ok']);
});

test('honours Retry-After on 429 and reports the rate limit', async () => {
  const s = await serve([
    { path: '/x', body: [1], faults: [{ status: 429, headers: { 'Retry-After': '7' } }] },
  ]);
  const { c, waits } = client(s.url);
  const limited: Array<number | undefined> = [];
  const r = await c.send({ url: '/x' }, { onRateLimited: (t) => limited.push(t) });
  expect(r.data).toEqual([1]);
  expect(waits).toEqual([7000]);
  expect(limited).toHaveLength(1);
});

test('a 500 that never ends is a TransientError naming the request and the attempts', async () => {
  const s = await serve([{ path: '/broken', status: 500, body: { detail: 'boom' } }]);
  const { c } = client(s.url);
  const e = await c.send({ url: '/broken', params: { page: 2 } }).catch((x: unknown) => x);
  expect(e).toBeInstanceOf(TransientError);
  expect((e as TransientError).describe()).toMatch(
    /GET http:\/\/127\.0\.0\.1:\d+\/broken\?page=2: the upstream answered HTTP 500; gave up after 4 attempt/,
  );
  expect((e as TransientError).describe()).toMatch(/a retry may succeed/);
  expect(s.requests).toHaveLength(4);
});

test('HTML instead of JSON is a SystemError quoting the content type, not retried', async () => {
  const s = await serve([{ path: '/x', body: { a: 1 }, faults: ['html'] }]);
  const { c } = client(s.url);
  const e = await c.send({ url: '/x' }).catch((x: unknown) => x);
  expect(e).toBeInstanceOf(SystemError);
  expect((e as Error).message).toMatch(/expected JSON but the upstream answered text\/html.*<!DOCTYPE html>/);
  expect(s.requests).toHaveLength(1);
});

test('a truncated body and a reset connection are retried', async () => {
  const s = await serve([
    {
      path: '/x',
      body: { items: Array.from({ length: 50 }, (_, i) => ({ i })) },
      faults: ['truncate', 'reset'],
    },
  ]);
  const { c, logs } = client(s.url);
  const r = await c.send<{ items: unknown[] }>({ url: '/x' });
  expect(r.data.items).toHaveLength(50);
  expect(s.requests.map((q) => q.served)).toEqual(['truncate', 'reset', 'ok']);
  expect(logs.join('\n')).toMatch(/retry 1\/3/);
});

test('a body truncated on every attempt ends as a TransientError', async () => {
  const s = await serve([
    { path: '/x', body: { a: 'b'.repeat(100) }, faults: ['truncate', 'truncate', 'truncate', 'truncate'] },
  ]);
  const { c } = client(s.url);
  await expect(c.send({ url: '/x' })).rejects.toBeInstanceOf(TransientError);
});

test('a request that takes longer than the timeout is retried, then fails', async () => {
  let release: () => void = () => {};
  const hold = new Promise<void>((r) => (release = r));
  const s = await serve([{ path: '/slow', handler: async () => (await hold, { body: {} }) }]);
  const { c } = client(s.url, { timeoutMs: 50, maxRetries: 1 });
  const e = await c.send({ url: '/slow' }).catch((x: unknown) => x);
  release();
  expect(e).toBeInstanceOf(TransientError);
  expect((e as Error).message).toMatch(/timed out/);
});

test('404 and 403 are configuration errors; XML is parsed when expected', async () => {
  const s = await serve([
    { path: '/forbidden', status: 403, body: {} },
    {
      path: '/feed.xml',
      headers: { 'content-type': 'application/rss+xml' },
      body: '<rss><channel><title>t</title></channel></rss>',
    },
  ]);
  const { c } = client(s.url);
  await expect(c.send({ url: '/missing' })).rejects.toBeInstanceOf(ConfigurationError);
  await expect(c.send({ url: '/forbidden' })).rejects.toBeInstanceOf(ConfigurationError);
  const xml = await c.send<{ rss: { channel: { title: string } } }>({ url: '/feed.xml' }, { expect: 'xml' });
  expect(xml.data.rss.channel.title).toBe('t');
  await expect(c.send({ url: '/forbidden' }, { expect: 'xml' })).rejects.toBeInstanceOf(ConfigurationError);
});

test('API key and bearer authenticators set the header; the key is registered as a secret', async () => {
  const s = await serve([
    { path: '/k', requireHeaders: { authorization: 'Api-Key k-123456' }, body: { ok: 'key' } },
    { path: '/b', requireHeaders: { authorization: 'Bearer b-654321' }, body: { ok: 'bearer' } },
  ]);
  const a = client(s.url, { authenticator: new ApiKeyAuthenticator('k-123456', { prefix: 'Api-Key' }) });
  expect((await a.c.send({ url: '/k' })).data).toEqual({ ok: 'key' });
  expect(a.logger.redact('key k-123456')).toBe('key **********');
  const b = client(s.url, { authenticator: new BearerAuthenticator('b-654321') });
  expect((await b.c.send({ url: '/b' })).data).toEqual({ ok: 'bearer' });
});

test("OAuth2 client credentials with edX's token_type=jwt: JWT header, shared token, refresh after 401", async () => {
  let issued = 0;
  const s = await serve([
    {
      method: 'POST',
      path: '/oauth2/v1/access_token',
      handler: (req) => {
        const form = new URLSearchParams(req.body);
        if (form.get('client_secret') !== 'cs-secret' || form.get('token_type') !== 'jwt')
          return { status: 401, body: {} };
        issued++;
        return { body: { access_token: `tok-${issued}`, token_type: 'JWT', expires_in: 3600 } };
      },
    },
    // The first token is revoked server-side: the API answers 401 to it.
    { path: '/api', requireHeaders: { authorization: 'JWT tok-1' }, status: 401, body: {} },
    { path: '/api', requireHeaders: { authorization: /^JWT tok-\d+$/ }, body: { ok: true } },
  ]);
  const auth = new OAuth2ClientCredentials({
    tokenUrl: `${s.url}/oauth2/v1/access_token`,
    clientId: 'cid',
    clientSecret: 'cs-secret',
    tokenType: 'jwt',
  });
  const { c, logger } = client(s.url, { authenticator: auth });
  const results = await Promise.all([c.send({ url: '/api' }), c.send({ url: '/api' })]);
  expect(results.map((r) => r.data)).toEqual([{ ok: true }, { ok: true }]);
  // one token for both concurrent requests, then one refresh after the 401s
  expect(auth.fetches).toBeLessThanOrEqual(3);
  expect(auth.fetches).toBeGreaterThanOrEqual(2);
  // the client secret and every token issued are redacted from logs
  expect(logger.redact(`cs-secret tok-${issued}`)).toBe('********** **********');

  const wrong = new OAuth2ClientCredentials({
    tokenUrl: `${s.url}/oauth2/v1/access_token`,
    clientId: 'cid',
    clientSecret: 'nope-nope',
    tokenType: 'jwt',
  });
  const w = client(s.url, { authenticator: wrong });
  const e = await w.c.send({ url: '/api' }).catch((x: unknown) => x);
  expect(e).toBeInstanceOf(ConfigurationError);
  expect((e as Error).message).toMatch(/token endpoint refused the client credentials/);
});

test('the concurrency limit holds', async () => {
  let inFlight = 0;
  let max = 0;
  const s = await serve([
    {
      path: '/c',
      handler: async () => {
        inFlight++;
        max = Math.max(max, inFlight);
        await new Promise((r) => setImmediate(r));
        inFlight--;
        return { body: {} };
      },
    },
  ]);
  const { c } = client(s.url, { maxConcurrency: 2 });
  await Promise.all(Array.from({ length: 8 }, () => c.send({ url: '/c' })));
  expect(s.requests).toHaveLength(8);
  expect(max).toBeLessThanOrEqual(2);
});

test('backoff: Retry-After in seconds or as a date; equal jitter within bounds', () => {
  expect(parseRetryAfter('3')).toBe(3000);
  expect(parseRetryAfter(new Date(10_000).toUTCString(), 4_000)).toBe(6000);
  expect(parseRetryAfter('soon')).toBeUndefined();
  const o = { baseMs: 1000, maxMs: 5000, maxRetryAfterMs: 60_000 };
  expect(retryDelayMs(0, o, undefined, () => 0)).toBe(500);
  expect(retryDelayMs(0, o, undefined, () => 1)).toBe(1000);
  expect(retryDelayMs(5, o, undefined, () => 1)).toBe(5000);
  expect(retryDelayMs(2, o, 1234)).toBe(1234);
});

test('a Retry-After longer than allowed fails at once', async () => {
  const s = await serve([{ path: '/x', status: 429, headers: { 'Retry-After': '86400' }, body: {} }]);
  const { c, waits } = client(s.url, { backoff: { baseMs: 1, maxMs: 10, maxRetryAfterMs: 60_000 } });
  const e = await c.send({ url: '/x' }).catch((x: unknown) => x);
  expect(e).toBeInstanceOf(TransientError);
  expect((e as Error).message).toMatch(/asks to wait 86400 s/);
  expect(waits).toEqual([]);
});

test('an unused authenticator shape compiles against the interface', () => {
  const a: Authenticator = new BearerAuthenticator('abc');
  expect(a.secrets()).toEqual(['abc']);
});

test('OAuth2: the token is refreshed shortly before it expires; Basic credentials when asked', async () => {
  let clock = 0;
  let issued = 0;
  const s = await serve([
    {
      method: 'POST',
      path: '/token',
      requireHeaders: { authorization: `Basic ${Buffer.from('cid:cs-basic').toString('base64')}` },
      handler: () => ({ body: { access_token: `t${++issued}`, token_type: 'bearer', expires_in: 600 } }),
    },
    {
      path: '/api',
      requireHeaders: { authorization: /^Bearer t\d$/ },
      handler: (req) => ({ body: { auth: req.headers.authorization } }),
    },
  ]);
  const auth = new OAuth2ClientCredentials({
    tokenUrl: `${s.url}/token`,
    clientId: 'cid',
    clientSecret: 'cs-basic',
    credentialsIn: 'basic',
    now: () => clock,
  });
  const { c } = client(s.url, { authenticator: auth });
  expect((await c.send({ url: '/api' })).data).toEqual({ auth: 'Bearer t1' });
  clock = 500_000; // 100 s before expiry: still good
  expect((await c.send({ url: '/api' })).data).toEqual({ auth: 'Bearer t1' });
  clock = 550_000; // inside the 60 s skew: refreshed
  expect((await c.send({ url: '/api' })).data).toEqual({ auth: 'Bearer t2' });
  expect(auth.fetches).toBe(2);
});

test('OAuth2 refresh token: grant_type=refresh_token, a rotated refresh token is reported and used next', async () => {
  let n = 0;
  const s = await serve([
    {
      method: 'POST',
      path: '/token',
      handler: (req) => {
        const form = new URLSearchParams(req.body);
        if (form.get('grant_type') !== 'refresh_token' || form.get('refresh_token') !== `rt-${n}`)
          return { status: 400, body: {} };
        n++;
        return { body: { access_token: `at-${n}`, refresh_token: `rt-${n}`, expires_in: 3600 } };
      },
    },
    { path: '/api', requireHeaders: { authorization: 'Bearer at-1' }, status: 401, body: {} },
    { path: '/api', requireHeaders: { authorization: /^Bearer at-\d$/ }, body: { ok: true } },
  ]);
  const rotated: string[] = [];
  const auth = new OAuth2RefreshToken({
    tokenUrl: `${s.url}/token`,
    clientId: 'cid',
    clientSecret: 'cs-r',
    refreshToken: 'rt-0',
    onRefreshTokenRotated: (t) => rotated.push(t),
  });
  const { c, logger } = client(s.url, { authenticator: auth });
  expect((await c.send({ url: '/api' })).data).toEqual({ ok: true });
  expect(rotated).toEqual(['rt-1', 'rt-2']);
  expect(logger.redact('rt-2 at-2')).toBe('********** **********');
});
