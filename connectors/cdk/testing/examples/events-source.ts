/**
 * A small incremental HTTP source used to test the kit itself (the acceptance suite's incremental
 * checks, the CLI-free entry point) and to show the shape of an incremental stream: `events` pages
 * through `?page=N` until an empty page, asks the upstream for `updated_since=<cursor>`, and lets the
 * runner keep the max `updated_at` as its state. `tags` is a one-request full-refresh stream.
 */
import {
  HTTP_SPEC_PROPERTIES,
  HttpClient,
  HttpStream,
  NoPagination,
  PageNumberPaginator,
  httpOptionsFromConfig,
  sourceMain,
  BearerAuthenticator,
  type ConnectorLogger,
  type HttpRequest,
  type HttpTuningConfig,
  type ReadContext,
  type Source,
} from '../../index';
import type { ReplayRoute } from '../replay-server';

interface EventsConfig extends HttpTuningConfig {
  base_url: string;
  token: string;
}

class Events extends HttpStream {
  readonly name = 'events';
  readonly primaryKey = [['id']];
  readonly cursorField = ['updated_at'];
  // The upstream answers oldest first, so each page's state may carry the cursor reached so far.
  override readonly recordsInCursorOrder = true;
  readonly jsonSchema = {
    type: 'object',
    required: ['id', 'updated_at'],
    properties: {
      id: { type: 'integer' },
      title: { type: 'string' },
      updated_at: { type: 'string', format: 'date-time' },
    },
  };
  constructor(client: HttpClient) {
    super(client, new PageNumberPaginator({ param: 'page', start: 1 }));
  }
  request(ctx: ReadContext): HttpRequest {
    const since = ctx.state?.updated_at;
    return { url: '/api/events', params: typeof since === 'string' ? { updated_since: since } : {} };
  }
}

class Tags extends HttpStream {
  readonly name = 'tags';
  readonly primaryKey = [['name']];
  readonly cursorField = [];
  readonly jsonSchema = { type: 'object', properties: { name: { type: 'string' } } };
  constructor(client: HttpClient) {
    super(client, new NoPagination());
  }
  request(): HttpRequest {
    return { url: '/api/tags' };
  }
}

export const eventsSource: Source<EventsConfig> = {
  name: 'source-example-events',
  version: '0.0.1',
  spec: () => ({
    connectionSpecification: {
      type: 'object',
      required: ['base_url', 'token'],
      properties: {
        base_url: { type: 'string', pattern: '^https?://' },
        token: { type: 'string', airbyte_secret: true },
        ...HTTP_SPEC_PROPERTIES,
      },
    },
  }),
  check: async (config: EventsConfig, logger: ConnectorLogger) => {
    await client(config, logger).send({ url: '/api/tags' });
    return { status: 'SUCCEEDED' };
  },
  streams: (config: EventsConfig, logger: ConnectorLogger) => {
    const c = client(config, logger);
    return [new Events(c), new Tags(c)];
  },
};

function client(config: EventsConfig, logger: ConnectorLogger): HttpClient {
  return new HttpClient({
    ...httpOptionsFromConfig(config, logger),
    baseUrl: config.base_url,
    authenticator: new BearerAuthenticator(config.token),
  });
}

/** Routes for the replay server: 25 events over pages of 10, filtered by `updated_since` (inclusive). */
export function eventsRoutes(token: string): ReplayRoute[] {
  const events = Array.from({ length: 25 }, (_, i) => ({
    id: i + 1,
    title: `Event ${i + 1}`,
    updated_at: new Date(Date.UTC(2026, 0, 1 + i)).toISOString(),
  }));
  return [
    {
      path: '/api/events',
      requireHeaders: { authorization: `Bearer ${token}` },
      handler: (req) => {
        const since = req.query.updated_since;
        const matching = since ? events.filter((e) => e.updated_at >= since) : events;
        const page = Number(req.query.page ?? 1);
        return { body: matching.slice((page - 1) * 10, page * 10) };
      },
    },
    {
      path: '/api/tags',
      requireHeaders: { authorization: `Bearer ${token}` },
      body: [{ name: 'physics' }, { name: 'math' }],
    },
  ];
}

if (require.main === module) sourceMain(eventsSource);
