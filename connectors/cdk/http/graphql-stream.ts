import { valueAtPath } from '../cursor';
import { SystemError } from '../errors';
import { Checkpoint, Estimate, Stream, type ReadContext, type StreamItem, type StreamState } from '../stream';
import type { HttpClient } from './http-client';

/**
 * A stream over a GraphQL connection with Relay-style pagination. A subclass gives the query (which
 * takes `$first` and `$after`), its variables, and `connectionPath`, the path in `data` to the
 * connection; the base follows `pageInfo { hasNextPage endCursor }`, reads `edges[].node` (or
 * `nodes`), yields an Estimate from `totalCount` when the query asks for it, and fails clearly when the
 * response carries `errors`.
 */
export abstract class GraphqlStream<S extends StreamState = StreamState> extends Stream<S> {
  abstract readonly query: string;
  abstract readonly connectionPath: string[];
  /** The endpoint, relative to the client's base URL (default `graphql`). */
  protected readonly endpoint: string = 'graphql';
  protected readonly pageSize: number = 100;

  constructor(protected readonly client: HttpClient) {
    super();
  }

  variables(_ctx: ReadContext<S>): Record<string, unknown> {
    return {};
  }

  async *readRecords(ctx: ReadContext<S>): AsyncIterable<StreamItem> {
    let after: string | null = null;
    let first = true;
    for (;;) {
      const variables = { ...this.variables(ctx), first: this.pageSize, after };
      const res = await this.client.send<{ data?: unknown; errors?: Array<{ message?: string }> }>(
        { method: 'POST', url: this.endpoint, json: { query: this.query, variables } },
        { expect: 'json', onRateLimited: ctx.rateLimited },
      );
      const where = `stream ${this.name}, ${res.url}`;
      if (Array.isArray(res.data?.errors) && res.data.errors.length) {
        const msgs = res.data.errors.map((e) => e?.message ?? JSON.stringify(e)).join('; ');
        throw new SystemError(`the GraphQL query failed: ${msgs}`, { where });
      }
      const conn = valueAtPath(res.data?.data, this.connectionPath) as
        | {
            edges?: Array<{ node?: unknown }>;
            nodes?: unknown[];
            pageInfo?: { hasNextPage?: boolean; endCursor?: string | null };
            totalCount?: number;
          }
        | undefined;
      if (!conn || typeof conn !== 'object') {
        throw new SystemError(`no connection at data.${this.connectionPath.join('.')}`, { where });
      }
      if (first && typeof conn.totalCount === 'number') yield new Estimate(conn.totalCount);
      first = false;
      const nodes = conn.edges ? conn.edges.map((e) => e.node) : (conn.nodes ?? []);
      for (const n of nodes) if (n && typeof n === 'object') yield n as Record<string, unknown>;
      yield new Checkpoint();
      const info = conn.pageInfo;
      if (!info?.hasNextPage || !info.endCursor || nodes.length === 0) return;
      after = info.endCursor;
    }
  }
}
