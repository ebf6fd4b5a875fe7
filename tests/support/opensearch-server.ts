/**
 * An in-process OpenSearch for tests: a real HTTP server on 127.0.0.1 that keeps indexes (settings,
 * mappings), aliases and documents in memory and answers the REST calls the delivery makes with
 * OpenSearch's response shapes: create/get/delete index, `_alias`, `_aliases` (atomic actions), `_bulk`
 * (per-item results, external versions, strict mappings, join routing), `_doc`, `_count`, `_refresh`.
 * Faults: `rejectNextItems(n)` answers the next n bulk items with 429, `failNextRequests(n)` answers the
 * next n bulk requests with 503.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';

interface StoredDoc {
  source: Record<string, unknown>;
  version: number;
  routing?: string;
}

interface StoredIndex {
  settings: Record<string, unknown>;
  mappings: { dynamic?: string; properties: Record<string, any>; _meta?: unknown };
  docs: Map<string, StoredDoc>;
}

export interface FakeOpenSearch {
  url: string;
  indexes: Map<string, StoredIndex>;
  aliases: Map<string, Set<string>>;
  /** Counters: bulk requests received and items written (index/delete that changed something). */
  stats: { bulkRequests: number; bulkItems: number; writes: number };
  rejectNextItems(n: number): void;
  failNextRequests(n: number): void;
  /** The documents behind an alias (or index), by id. */
  documents(name: string): Map<string, StoredDoc>;
  close(): Promise<void>;
}

function globToRegExp(glob: string): RegExp {
  return new RegExp(
    `^${glob
      .split('*')
      .map((p) => p.replace(/[.+?^${}()|[\]\\]/g, '\\$&'))
      .join('.*')}$`,
  );
}

export async function startFakeOpenSearch(): Promise<FakeOpenSearch> {
  const indexes = new Map<string, StoredIndex>();
  const aliases = new Map<string, Set<string>>();
  const stats = { bulkRequests: 0, bulkItems: 0, writes: 0 };
  let rejectItems = 0;
  let failRequests = 0;

  const resolve = (name: string): string[] => {
    if (aliases.has(name)) return [...aliases.get(name)!];
    if (name.includes('*')) {
      const re = globToRegExp(name);
      return [...indexes.keys()].filter((i) => re.test(i));
    }
    return indexes.has(name) ? [name] : [];
  };
  const aliasesOf = (index: string) => {
    const out: Record<string, object> = {};
    for (const [a, set] of aliases) if (set.has(index)) out[a] = {};
    return out;
  };
  const notFound = (index: string) => ({
    status: 404,
    body: {
      error: { type: 'index_not_found_exception', reason: `no such index [${index}]`, index },
      status: 404,
    },
  });

  function bulkItem(action: string, meta: any, source: any): Record<string, unknown> {
    const ans = (status: number, extra: Record<string, unknown>) => ({
      [action]: { _index: meta._index, _id: meta._id, status, ...extra },
    });
    if (rejectItems > 0) {
      rejectItems--;
      return ans(429, {
        error: {
          type: 'es_rejected_execution_exception',
          reason: 'rejected execution of coordinating operation',
        },
      });
    }
    const targets = resolve(meta._index);
    if (targets.length !== 1)
      return ans(404, {
        error: { type: 'index_not_found_exception', reason: `no such index [${meta._index}]` },
      });
    const idx = indexes.get(targets[0]!)!;
    const existing = idx.docs.get(meta._id);
    const version = Number(meta.version ?? (existing ? existing.version + 1 : 1));
    const external = meta.version_type === 'external' || meta.version_type === 'external_gte';
    if (external && existing) {
      const stale =
        meta.version_type === 'external' ? existing.version >= version : existing.version > version;
      if (stale)
        return ans(409, {
          error: {
            type: 'version_conflict_engine_exception',
            reason: `[${meta._id}]: version conflict, current version [${existing.version}] is higher or equal to the one provided [${version}]`,
          },
        });
    }
    if (action === 'delete') {
      if (!existing) return ans(404, { result: 'not_found', _version: version });
      idx.docs.delete(meta._id);
      stats.writes++;
      return ans(200, { result: 'deleted', _version: version });
    }
    if (idx.mappings.dynamic === 'strict') {
      const unknown = Object.keys(source).find((k) => !(k in idx.mappings.properties));
      if (unknown)
        return ans(400, {
          error: {
            type: 'strict_dynamic_mapping_exception',
            reason: `mapping set to strict, dynamic introduction of [${unknown}] within [_doc] is not allowed`,
          },
        });
    }
    const join = Object.entries(idx.mappings.properties).find(([, m]) => m.type === 'join');
    if (join && source[join[0]]?.parent !== undefined && meta.routing === undefined)
      return ans(400, {
        error: {
          type: 'routing_missing_exception',
          reason: `routing is required for [${meta._index}]/[${meta._id}]`,
        },
      });
    idx.docs.set(meta._id, { source, version, routing: meta.routing });
    stats.writes++;
    return ans(existing ? 200 : 201, { result: existing ? 'updated' : 'created', _version: version });
  }

  function handle(method: string, path: string, body: string): { status: number; body: unknown } {
    const parts = path.split('/').filter(Boolean).map(decodeURIComponent);
    if (parts[parts.length - 1] === '_bulk' && (method === 'POST' || method === 'PUT')) {
      stats.bulkRequests++;
      if (failRequests > 0) {
        failRequests--;
        return {
          status: 503,
          body: { error: { type: 'unavailable_shards_exception', reason: 'try later' }, status: 503 },
        };
      }
      if (!body.endsWith('\n'))
        return {
          status: 400,
          body: {
            error: {
              type: 'illegal_argument_exception',
              reason: 'The bulk request must be terminated by a newline [\\n]',
            },
            status: 400,
          },
        };
      const lines = body.split('\n').filter((l) => l.length);
      const items: unknown[] = [];
      for (let i = 0; i < lines.length; i++) {
        const head = JSON.parse(lines[i]!) as Record<string, any>;
        const action = Object.keys(head)[0]!;
        const meta = { ...head[action], _index: head[action]._index ?? parts[0] };
        const source = action === 'delete' ? undefined : JSON.parse(lines[++i]!);
        stats.bulkItems++;
        items.push(bulkItem(action, meta, source));
      }
      const errors = items.some((it) => Number(Object.values(it as object)[0].status) >= 300);
      return { status: 200, body: { took: 1, errors, items } };
    }
    if (parts[0] === '_aliases' && method === 'POST') {
      const actions = (JSON.parse(body).actions ?? []) as Record<string, { index: string; alias: string }>[];
      for (const a of actions) {
        const [kind, spec] = Object.entries(a)[0]!;
        if (!indexes.has(spec.index)) return notFound(spec.index);
        if (kind === 'remove' && !aliases.get(spec.alias)?.has(spec.index))
          return {
            status: 404,
            body: {
              error: { type: 'aliases_not_found_exception', reason: `aliases [${spec.alias}] missing` },
              status: 404,
            },
          };
      }
      for (const a of actions) {
        const [kind, spec] = Object.entries(a)[0]!;
        if (kind === 'add') {
          if (!aliases.has(spec.alias)) aliases.set(spec.alias, new Set());
          aliases.get(spec.alias)!.add(spec.index);
        } else {
          aliases.get(spec.alias)?.delete(spec.index);
          if (!aliases.get(spec.alias)?.size) aliases.delete(spec.alias);
        }
      }
      return { status: 200, body: { acknowledged: true } };
    }
    if (parts[0] === '_alias' && method === 'GET') {
      const set = aliases.get(parts[1]!);
      if (!set) return { status: 404, body: { error: `alias [${parts[1]}] missing`, status: 404 } };
      const out: Record<string, unknown> = {};
      for (const i of set) out[i] = { aliases: { [parts[1]!]: {} } };
      return { status: 200, body: out };
    }
    const name = parts[0] ?? '';
    if (parts.length === 1) {
      if (method === 'PUT') {
        if (indexes.has(name))
          return {
            status: 400,
            body: {
              error: { type: 'resource_already_exists_exception', reason: `index [${name}] already exists` },
              status: 400,
            },
          };
        const def = body ? JSON.parse(body) : {};
        indexes.set(name, {
          settings: def.settings ?? {},
          mappings: def.mappings ?? { properties: {} },
          docs: new Map(),
        });
        return { status: 200, body: { acknowledged: true, shards_acknowledged: true, index: name } };
      }
      if (method === 'DELETE') {
        const found = aliases.has(name) ? [] : resolve(name);
        if (!found.length) return notFound(name);
        for (const i of found) {
          indexes.delete(i);
          for (const [a, set] of aliases) {
            set.delete(i);
            if (!set.size) aliases.delete(a);
          }
        }
        return { status: 200, body: { acknowledged: true } };
      }
      if (method === 'GET' || method === 'HEAD') {
        const found = resolve(name);
        if (!found.length && !name.includes('*')) return notFound(name);
        const out: Record<string, unknown> = {};
        for (const i of found) {
          const idx = indexes.get(i)!;
          out[i] = { aliases: aliasesOf(i), mappings: idx.mappings, settings: { index: idx.settings } };
        }
        return { status: 200, body: out };
      }
    }
    if (parts[1] === '_settings' && method === 'PUT') {
      const idx = indexes.get(name);
      if (!idx) return notFound(name);
      const next = (JSON.parse(body) as { index?: Record<string, unknown> }).index ?? JSON.parse(body);
      Object.assign(idx.settings, next);
      return { status: 200, body: { acknowledged: true } };
    }
    if (parts[1] === '_refresh')
      return { status: 200, body: { _shards: { total: 1, successful: 1, failed: 0 } } };
    if (parts[1] === '_count') {
      const found = resolve(name);
      if (!found.length) return notFound(name);
      return { status: 200, body: { count: found.reduce((n, i) => n + indexes.get(i)!.docs.size, 0) } };
    }
    if (parts[1] === '_doc' && method === 'GET') {
      const found = resolve(name);
      if (!found.length) return notFound(name);
      const d = indexes.get(found[0]!)!.docs.get(parts[2]!);
      return {
        status: d ? 200 : 404,
        body: d
          ? {
              _index: found[0],
              _id: parts[2],
              _version: d.version,
              _routing: d.routing,
              found: true,
              _source: d.source,
            }
          : { _index: found[0], _id: parts[2], found: false },
      };
    }
    if (!parts.length)
      return {
        status: 200,
        body: { name: 'fake', version: { distribution: 'opensearch', number: '2.19.0' } },
      };
    return {
      status: 400,
      body: {
        error: { type: 'illegal_argument_exception', reason: `unsupported ${method} ${path}` },
        status: 400,
      },
    };
  }

  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      let out: { status: number; body: unknown };
      try {
        out = handle(
          req.method ?? 'GET',
          new URL(req.url ?? '/', 'http://x').pathname,
          Buffer.concat(chunks).toString('utf8'),
        );
      } catch (e) {
        out = {
          status: 400,
          body: { error: { type: 'parse_exception', reason: (e as Error).message }, status: 400 },
        };
      }
      const text = JSON.stringify(out.body);
      res.writeHead(out.status, { 'content-type': 'application/json; charset=UTF-8' });
      res.end(req.method === 'HEAD' ? undefined : text);
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    indexes,
    aliases,
    stats,
    rejectNextItems: (n) => {
      rejectItems += n;
    },
    failNextRequests: (n) => {
      failRequests += n;
    },
    documents: (name) => {
      const found = resolve(name);
      return found.length ? indexes.get(found[0]!)!.docs : new Map();
    },
    close: () => new Promise<void>((r) => server.close(() => r())),
  };
}

/** The search target of a test (the in-process server: there is no Docker engine here); prints which ran. */
export async function startSearchTarget(): Promise<FakeOpenSearch> {
  const fake = await startFakeOpenSearch();
  process.stdout.write(
    `[learnflow tests] OpenSearch: in-process fake server at ${fake.url} (no Docker engine)\n`,
  );
  return fake;
}
