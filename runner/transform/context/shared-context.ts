import yaml from 'js-yaml';
import { createHash } from 'node:crypto';
import { PyDateTime, UTC } from '../templating/python-datetime';
import { kwargsOf, positionalOf } from './call-args';
import type { RenderEnvironment } from './dbt-context';
import { columnValue } from './column-value';
import { relationValue } from './relation-value';

const shared = new WeakMap<RenderEnvironment, Record<string, unknown>>();

/** The part of the context that is the same for every node of an invocation (built once). */
export function sharedContext(env: RenderEnvironment): Record<string, unknown> {
  const hit = shared.get(env);
  if (hit) return hit;
  const targetDatabase = (env.target.database as string | undefined) ?? null;
  const targetSchema = String(env.target.schema);
  const out: Record<string, unknown> = {
    target: env.target,
    should_full_refresh: () => env.fullRefresh,
    print: (msg: unknown) => {
      env.logger.info(String(msg));
      return '';
    },
    api: {
      Relation: {
        create: (...args: unknown[]) => {
          const kw = kwargsOf(args);
          return relationValue({
            database: (kw.database as string | undefined) ?? targetDatabase,
            schema: String(kw.schema ?? targetSchema),
            identifier: String(kw.identifier ?? ''),
            type: (kw.type as string | undefined) ?? null,
          });
        },
      },
      Column: { create: (name: string, dtype: string) => columnValue({ name, dataType: dtype }) },
    },
    project_name: env.projectName,
    dbt_version: '1.10.0',
    invocation_id: env.invocationId,
    run_started_at: new PyDateTime(env.runStartedAt.getTime() * 1000, UTC),
    flags: env.flags,
    tojson: (v: unknown) => JSON.stringify(v),
    fromjson: (s: unknown, fallback: unknown = null) => {
      try {
        return JSON.parse(String(s));
      } catch {
        return fallback;
      }
    },
    toyaml: (v: unknown) => yaml.dump(v),
    fromyaml: (s: unknown) => yaml.load(String(s)),
    local_md5: (s: unknown) => createHash('md5').update(String(s)).digest('hex'),
    zip: (...lists: unknown[][]) => {
      const ls = positionalOf(lists) as unknown[][];
      const n = Math.min(...ls.map((l) => l.length));
      return Array.from({ length: n }, (_, i) => ls.map((l) => l[i]));
    },
    set: (items: unknown) => [...new Set(Array.isArray(items) ? items : [])],
    selected_resources: [],
    doc: (name: unknown) => {
      const d = Object.values(env.manifest.docs).find((x) => x.name === String(name));
      return d ? d.block_contents : '';
    },
  };
  Object.defineProperty(out, 'graph', {
    enumerable: true,
    get: () => ({ nodes: env.manifest.nodes, sources: env.manifest.sources, exposures: {}, metrics: {} }),
  });
  shared.set(env, out);
  return out;
}
