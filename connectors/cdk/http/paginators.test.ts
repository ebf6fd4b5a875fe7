import { createConnectorLogger } from '../logger';
import { startReplayServer, type ReplayServer } from '../testing/replay-server';
import { Checkpoint, Estimate, type ReadContext, type StreamItem } from '../stream';
import { GraphqlStream } from './graphql-stream';
import { HttpClient } from './http-client';
import { HttpStream } from './http-stream';
import type { HttpRequest } from './http-types';
import {
  CursorTokenPaginator,
  LinkHeaderPaginator,
  NextUrlPaginator,
  OffsetLimitPaginator,
  PageNumberPaginator,
  parseLinkHeader,
  type Paginator,
} from './paginators';
import { SystemError } from '../errors';

const TOTAL = 23;
const items = Array.from({ length: TOTAL }, (_, i) => ({ id: i + 1 }));
let server: ReplayServer;

beforeAll(async () => {
  server = await startReplayServer([
    {
      path: '/drf',
      handler: (req, s) => {
        const page = Number(req.query.page ?? 1);
        const results = items.slice((page - 1) * 10, page * 10);
        // the upstream names an internal host; the paginator must keep the server it talks to
        const next = page * 10 < TOTAL ? `http://internal.example:8000/drf?page=${page + 1}` : null;
        return { body: { count: TOTAL, next, results, seen: s.url.length > 0 } };
      },
    },
    {
      path: '/pages',
      handler: (req) => ({
        body: items.slice((Number(req.query.page) - 0) * 10, (Number(req.query.page) + 1) * 10),
      }),
    },
    {
      path: '/offset',
      handler: (req) => ({
        body: {
          total: TOTAL,
          data: items.slice(Number(req.query.offset), Number(req.query.offset) + Number(req.query.limit)),
        },
      }),
    },
    {
      path: '/tokens',
      handler: (req) => {
        const start = req.query.pageToken ? Number(req.query.pageToken.slice(1)) : 0;
        const end = Math.min(TOTAL, start + 10);
        return {
          body: { items: items.slice(start, end), ...(end < TOTAL ? { nextPageToken: `t${end}` } : {}) },
        };
      },
    },
    {
      path: '/linked',
      handler: (req, s) => {
        const page = Number(req.query.page ?? 1);
        const more = page * 10 < TOTAL;
        const headers: Record<string, string> = more
          ? { Link: `<${s.url}/linked?page=${page + 1}>; rel="next", <${s.url}/linked?page=3>; rel="last"` }
          : {};
        return {
          headers,
          body: items.slice((page - 1) * 10, page * 10),
        };
      },
    },
    {
      method: 'POST',
      path: '/graphql',
      handler: (req) => {
        const { variables } = JSON.parse(req.body) as { variables: { first: number; after: string | null } };
        const start = variables.after ? Number(variables.after) : 0;
        const end = Math.min(TOTAL, start + variables.first);
        return {
          body: {
            data: {
              org: {
                courses: {
                  totalCount: TOTAL,
                  edges: items.slice(start, end).map((node) => ({ node })),
                  pageInfo: { hasNextPage: end < TOTAL, endCursor: String(end) },
                },
              },
            },
          },
        };
      },
    },
    { method: 'POST', path: '/graphql-bad', body: { errors: [{ message: 'Field "nope" does not exist' }] } },
    { path: '/foreign', body: { next: 'http://elsewhere.example/x', results: [] } },
  ]);
});
afterAll(() => server.close());

const logger = createConnectorLogger({ write: () => {} });
const ctx: ReadContext = {
  syncMode: 'full_refresh',
  cursorField: [],
  state: undefined,
  slice: undefined,
  logger,
  rateLimited: () => {},
};

class Items extends HttpStream {
  readonly name = 'items';
  readonly primaryKey = [['id']];
  readonly cursorField = [];
  readonly jsonSchema = { type: 'object' };
  protected override readonly recordsPath: string[];
  protected override readonly totalPath?: string[];
  constructor(
    paginator: Paginator,
    private readonly url: string,
    recordsPath: string[],
    totalPath?: string[],
    params?: HttpRequest['params'],
  ) {
    super(new HttpClient({ baseUrl: server.url, logger, maxRetries: 0 }), paginator);
    this.recordsPath = recordsPath;
    this.totalPath = totalPath;
    this.params = params;
  }
  private readonly params?: HttpRequest['params'];
  request(): HttpRequest {
    return { url: this.url, params: this.params };
  }
}

async function collect(items: AsyncIterable<StreamItem>) {
  const records: unknown[] = [];
  let checkpoints = 0;
  let estimate: number | undefined;
  for await (const i of items) {
    if (i instanceof Checkpoint) checkpoints++;
    else if (i instanceof Estimate) estimate = i.rows;
    else records.push(i);
  }
  return { records, checkpoints, estimate };
}

test('next URL in the body (DRF), keeping the server host; estimate from count; a checkpoint per page', async () => {
  const r = await collect(
    new Items(new NextUrlPaginator(['next'], 'force'), '/drf', ['results'], ['count']).readRecords(ctx),
  );
  expect(r.records).toEqual(items);
  expect(r.checkpoints).toBe(3);
  expect(r.estimate).toBe(TOTAL);
});

test("next URL on a foreign host is refused in 'same' mode", async () => {
  await expect(
    collect(new Items(new NextUrlPaginator(['next'], 'same'), '/foreign', ['results']).readRecords(ctx)),
  ).rejects.toBeInstanceOf(SystemError);
});

test('page numbers until an empty page', async () => {
  const r = await collect(
    new Items(new PageNumberPaginator({ param: 'page', start: 0 }), '/pages', []).readRecords(ctx),
  );
  expect(r.records).toEqual(items);
  expect(server.requests.filter((q) => q.path === '/pages').map((q) => q.query.page)).toEqual([
    '0',
    '1',
    '2',
    '3',
  ]);
});

test('offset/limit until the total', async () => {
  const r = await collect(
    new Items(new OffsetLimitPaginator({ limit: 5, totalPath: ['total'] }), '/offset', ['data']).readRecords(
      ctx,
    ),
  );
  expect(r.records).toEqual(items);
});

test('a cursor token such as nextPageToken', async () => {
  const r = await collect(
    new Items(new CursorTokenPaginator(), '/tokens', ['items'], undefined, { part: 'snippet' }).readRecords(
      ctx,
    ),
  );
  expect(r.records).toEqual(items);
  expect(server.requests.filter((q) => q.path === '/tokens').every((q) => q.query.part === 'snippet')).toBe(
    true,
  );
});

test('the Link header', async () => {
  const r = await collect(new Items(new LinkHeaderPaginator(), '/linked', []).readRecords(ctx));
  expect(r.records).toEqual(items);
  expect(parseLinkHeader('<a?x=1>; rel="next", <b>; rel="prev first"')).toEqual({
    next: 'a?x=1',
    prev: 'b',
    first: 'b',
  });
});

test('a records path that does not hold an array is a clear error', async () => {
  const e = await collect(new Items(new NextUrlPaginator(), '/drf', ['nope']).readRecords(ctx)).catch(
    (x: unknown) => x,
  );
  expect(e).toBeInstanceOf(SystemError);
  expect((e as SystemError).describe()).toMatch(
    /stream items, .*\/drf.*expected an array of records at 'nope', got undefined/,
  );
});

class Courses extends GraphqlStream {
  readonly name = 'courses';
  readonly primaryKey = [['id']];
  readonly cursorField = [];
  readonly jsonSchema = { type: 'object' };
  readonly query =
    'query($first: Int!, $after: String) { org { courses(first: $first, after: $after) { totalCount edges { node { id } } pageInfo { hasNextPage endCursor } } } }';
  readonly connectionPath = ['org', 'courses'];
  protected override readonly pageSize = 7;
  constructor(endpoint = 'graphql') {
    super(new HttpClient({ baseUrl: server.url, logger, maxRetries: 0 }));
    this.endpoint = endpoint;
  }
  protected override readonly endpoint: string;
}

test('GraphQL: Relay cursor pagination, totalCount estimate, errors reported', async () => {
  const r = await collect(new Courses().readRecords(ctx));
  expect(r.records).toEqual(items);
  expect(r.checkpoints).toBe(4);
  expect(r.estimate).toBe(TOTAL);
  const e = await collect(new Courses('graphql-bad').readRecords(ctx)).catch((x: unknown) => x);
  expect((e as Error).message).toMatch(/GraphQL query failed: Field "nope" does not exist/);
});

class CountingClient extends HttpClient {
  calls = 0;
  override send<T>(...args: Parameters<HttpClient['send']>) {
    this.calls++;
    return super.send<T>(...args);
  }
}

class PrefetchingItems extends HttpStream {
  readonly name = 'items';
  readonly primaryKey = [['id']];
  readonly cursorField = [];
  readonly jsonSchema = { type: 'object' };
  protected override readonly recordsPath = ['results'];
  protected override readonly prefetch = true;
  constructor(readonly counting: CountingClient) {
    super(counting, new NextUrlPaginator(['next'], 'force'));
  }
  request(): HttpRequest {
    return { url: '/drf' };
  }
}

test('with prefetch the next page is requested before the current one is emitted; the result is the same', async () => {
  const stream = new PrefetchingItems(new CountingClient({ baseUrl: server.url, logger, maxRetries: 0 }));
  const it = stream.readRecords(ctx)[Symbol.asyncIterator]();
  const first = await it.next();
  expect(first.value).toEqual(items[0]);
  expect(stream.counting.calls).toBe(2);
  const rest: unknown[] = [];
  for (let r = await it.next(); !r.done; r = await it.next())
    if (!(r.value instanceof Checkpoint)) rest.push(r.value);
  expect(rest).toEqual(items.slice(1));
  expect(stream.counting.calls).toBe(3);
});
