import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { memoryLogger } from '../../runner/common/logger';
import { openLakehouse, type LakehouseConnection } from '../../runner/lakehouse/lakehouse-connection';
import { MassDeleteError } from '../../runner/deliver/delivery-error';
import { deliverToWebhook, signBody, WEBHOOK_PATH } from '../../runner/deliver/sinks/webhook-sink';
import { buildLearnMarts } from './learn-marts';

const SECRET = 'hmac-test-secret-value';

interface Batch {
  resources: { readable_id: string; etl_source: string; resource_type: string; title: string }[];
}

/** The app's webhook: verifies each signature against the exact body, records the batches. */
async function startApp() {
  const batches: Batch[] = [];
  let failNext = 0;
  let badSignatures = 0;
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      if (req.url !== WEBHOOK_PATH) return res.writeHead(404).end();
      if (req.headers['x-mitlearn-signature'] !== signBody(body, SECRET)) {
        badSignatures++;
        return res.writeHead(403).end();
      }
      if (failNext > 0) {
        failNext--;
        return res.writeHead(503).end();
      }
      batches.push(JSON.parse(body) as Batch);
      res.writeHead(200, { 'content-type': 'application/json' }).end('{"status":"ok"}');
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    batches,
    failNext: (n: number) => void (failNext += n),
    badSignatures: () => badSignatures,
    close: () => new Promise<void>((r) => server.close(() => r())),
  };
}

describe('webhook target', () => {
  let lake: LakehouseConnection;
  let app: Awaited<ReturnType<typeof startApp>>;
  const logger = memoryLogger();

  beforeAll(async () => {
    lake = await openLakehouse({ engine: 'duckdb', path: ':memory:' }, { baseDir: '/' });
    app = await startApp();
  });
  afterAll(async () => {
    await app.close();
    await lake.close();
  });

  const deliver = (secret = SECRET, allowMassDelete = false) =>
    deliverToWebhook({
      url: app.url,
      secret,
      lakehouse: lake,
      martsSchema: 'marts',
      logger,
      allowMassDelete,
      maxDeleteShare: 0.2,
      backoffMs: 1,
    });

  it('sends one complete, signed batch per etl_source and resource_type, then only changed groups', async () => {
    await buildLearnMarts(lake, { resources: 200 });
    await deliver();
    const sizes = app.batches.map(
      (b) => `${b.resources[0]!.etl_source}/${b.resources[0]!.resource_type}:${b.resources.length}`,
    );
    expect(sizes.sort()).toEqual(['mitxonline/course:100', 'ocw/course:80', 'ocw/program:20']);
    for (const b of app.batches) {
      const g = `${b.resources[0]!.etl_source}/${b.resources[0]!.resource_type}`;
      expect(b.resources.every((r) => `${r.etl_source}/${r.resource_type}` === g)).toBe(true);
    }
    expect(app.badSignatures()).toBe(0);

    app.batches.length = 0;
    await deliver();
    expect(app.batches).toHaveLength(0);

    // v2 changes ids 100 and 200 (mitxonline courses) and removes id 1 and 201 (ocw courses)
    await buildLearnMarts(lake, { resources: 200, version: 2 });
    app.failNext(1);
    const counts = await deliver();
    const groups = app.batches
      .map((b) => `${b.resources[0]!.etl_source}/${b.resources[0]!.resource_type}`)
      .sort();
    expect(groups).toEqual(['mitxonline/course', 'ocw/course']);
    expect(counts['mitxonline/course']).toMatchObject({ updated: 2, unpublished: 0 });
    expect(counts['ocw/course']).toMatchObject({ updated: 0, unpublished: 1 });
    const ocw = app.batches.find((b) => b.resources[0]!.etl_source === 'ocw')!;
    expect(ocw.resources.some((r) => r.readable_id === 'course-v1:MITx+1')).toBe(false);
    expect(logger.lines.join('\n')).not.toContain(SECRET);
  });

  it('refuses a batch the app rejects and a mass unpublish', async () => {
    await buildLearnMarts(lake, { resources: 200, version: 2, unpublishIds: [2, 4, 6, 8, 10] });
    await expect(deliver('wrong-secret')).rejects.toThrow(/refused batch mitxonline\/course: HTTP 403/);
    await buildLearnMarts(lake, { resources: 200, version: 2, removeIds: (id) => id % 2 === 0 });
    await expect(deliver()).rejects.toThrow(MassDeleteError);
  });
});
