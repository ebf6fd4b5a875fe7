import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import axios from 'axios';
import { loadReplayRoutes, startReplayServer } from './replay-server';

const get = (url: string) =>
  axios.get(url, {
    validateStatus: () => true,
    responseType: 'text',
    transformResponse: [(d: unknown) => d],
  });

test('routes match on method, path and query (exact, RegExp, absent); the first match wins; misses are 404 and recorded', async () => {
  const s = await startReplayServer([
    { path: '/a', query: { page: '2' }, body: { page: 2 } },
    { path: '/a', query: { page: /^\d+$/ }, body: { page: 'n' } },
    { path: '/a', query: { page: null }, body: { page: 'none' } },
    { method: 'POST', path: '/a', status: 201, body: 'created', headers: { 'content-type': 'text/plain' } },
  ]);
  try {
    expect((await get(`${s.url}/a?page=2`)).data).toBe('{"page":2}');
    expect((await get(`${s.url}/a?page=7`)).data).toBe('{"page":"n"}');
    expect((await get(`${s.url}/a`)).data).toBe('{"page":"none"}');
    const posted = await axios.post(`${s.url}/a`, 'x=1', { responseType: 'text' });
    expect([posted.status, posted.data, posted.headers['content-type']]).toEqual([
      201,
      'created',
      'text/plain',
    ]);
    const miss = await get(`${s.url}/a?page=x`);
    expect(miss.status).toBe(404);
    expect(miss.data).toMatch(/no replay route for GET \/a\?page=x/);
    expect(s.requests.map((r) => [r.method, r.route, r.served])).toEqual([
      ['GET', 0, 'ok'],
      ['GET', 1, 'ok'],
      ['GET', 2, 'ok'],
      ['POST', 3, 'ok'],
      ['GET', -1, 'unmatched'],
    ]);
    expect(s.requests[3].body).toBe('x=1');
  } finally {
    await s.close();
  }
});

test('files from a routes file, {{baseUrl}} substitution, and faults served before the normal answer', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'replay-'));
  fs.writeFileSync(path.join(dir, 'page.json'), '{"next": "{{baseUrl}}/p?page=2", "results": []}');
  fs.writeFileSync(path.join(dir, 'routes.json'), JSON.stringify([{ path: '/p', file: 'page.json' }]));
  const routes = loadReplayRoutes(path.join(dir, 'routes.json'));
  routes[0].faults = [{ status: 429, headers: { 'Retry-After': '3' } }, 'html'];
  const s = await startReplayServer(routes);
  try {
    const first = await get(`${s.url}/p`);
    expect([first.status, first.headers['retry-after']]).toEqual([429, '3']);
    const second = await get(`${s.url}/p`);
    expect(second.headers['content-type']).toMatch(/text\/html/);
    const third = await get(`${s.url}/p`);
    expect(JSON.parse(third.data)).toEqual({ next: `${s.url}/p?page=2`, results: [] });
    expect(s.requests.map((r) => r.served)).toEqual(['status 429', 'html', 'ok']);
  } finally {
    await s.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
