import picomatch from 'picomatch';
import { UsageError } from '../../common/errors';
import type { Manifest, ManifestNode, SourceDefinition } from '../parse/manifest-types';
import { DependencyGraph } from './dependency-graph';

/** Facts a selector may look at besides the manifest: a previous manifest and previous run results. */
export interface SelectionState {
  previousManifest?: Manifest;
  previousResults?: { unique_id: string; status: string }[];
}

export interface SelectionOptions extends SelectionState {
  select: string[];
  exclude: string[];
  /** Resource types the command runs; others are dropped from the result (sources never run). */
  resourceTypes?: string[];
  /** Select a test when any of its parents is selected (dbt's default, "eager"). */
  indirectTests?: boolean;
}

type Item = ManifestNode | SourceDefinition;

/** The graph of nodes and sources built from the manifest's parent map. */
export function manifestGraph(manifest: Manifest): DependencyGraph {
  return new DependencyGraph(manifest.parent_map);
}

/** Resolve `--select` / `--exclude` expressions to the set of unique ids. */
export function selectNodes(manifest: Manifest, graph: DependencyGraph, opts: SelectionOptions): Set<string> {
  const items = new Map<string, Item>();
  for (const n of Object.values(manifest.nodes)) items.set(n.unique_id, n);
  for (const s of Object.values(manifest.sources)) items.set(s.unique_id, s);
  const evaluate = (exprs: string[]): Set<string> => {
    const out = new Set<string>();
    for (const expr of exprs.flatMap((e) => e.split(/\s+/)).filter(Boolean)) {
      let acc: Set<string> | undefined;
      for (const part of expr.split(',').filter(Boolean)) {
        const hit = evaluateAtom(part, items, graph, opts);
        acc = acc === undefined ? hit : new Set([...acc].filter((x) => hit.has(x)));
      }
      for (const id of acc ?? []) out.add(id);
    }
    return out;
  };
  let selected = opts.select.length ? evaluate(opts.select) : new Set(items.keys());
  const excluded = opts.exclude.length ? evaluate(opts.exclude) : new Set<string>();
  if (opts.indirectTests !== false) {
    for (const n of Object.values(manifest.nodes)) {
      if (n.resource_type !== 'test' || selected.has(n.unique_id)) continue;
      const parents = n.depends_on.nodes;
      if (parents.length && parents.some((p) => selected.has(p)) && parents.every((p) => !excluded.has(p))) {
        selected.add(n.unique_id);
      }
    }
  }
  // a test of an excluded node goes with it
  for (const n of Object.values(manifest.nodes)) {
    if (n.resource_type === 'test' && n.depends_on.nodes.some((p) => excluded.has(p)))
      excluded.add(n.unique_id);
  }
  selected = new Set([...selected].filter((id) => !excluded.has(id)));
  if (opts.resourceTypes) {
    const types = new Set(opts.resourceTypes);
    selected = new Set([...selected].filter((id) => types.has(items.get(id)!.resource_type)));
  }
  return selected;
}

const GRAPH_OP = /^(@)?(\d*\+)?(.*?)(\+\d*)?$/;

function evaluateAtom(
  atom: string,
  items: Map<string, Item>,
  graph: DependencyGraph,
  opts: SelectionState,
): Set<string> {
  const m = GRAPH_OP.exec(atom)!;
  const [, at, up, body, down] = m;
  if (!body) throw new UsageError(`empty selector '${atom}'`);
  const base = matchMethod(body, items, opts);
  const out = new Set(base);
  const depth = (op: string | undefined): number => {
    const digits = op?.replace('+', '');
    return digits ? Number(digits) : Infinity;
  };
  for (const id of base) {
    if (up) for (const a of graph.ancestors(id, depth(up))) out.add(a);
    if (down || at) for (const d of graph.descendants(id, depth(down))) out.add(d);
  }
  if (at) {
    for (const id of [...out]) for (const a of graph.ancestors(id)) out.add(a);
  }
  return out;
}

function matchMethod(body: string, items: Map<string, Item>, opts: SelectionState): Set<string> {
  const colon = body.indexOf(':');
  let method = colon > 0 ? body.slice(0, colon) : '';
  const value = colon > 0 ? body.slice(colon + 1) : body;
  if (!method) method = value.includes('/') || /\.(sql|csv|yml|yaml)$/.test(value) ? 'path' : 'fqn';
  const out = new Set<string>();
  const glob = (pattern: string) => picomatch(pattern, { dot: true });
  const add = (pred: (item: Item) => boolean) => {
    for (const [id, item] of items) if (pred(item)) out.add(id);
  };
  switch (method) {
    case 'fqn': {
      const isMatch = glob(value);
      const parts = value.split('.');
      add((item) => {
        if (isMatch(item.name)) return true;
        const fqn = item.fqn;
        // a dotted value matches an fqn prefix, with or without the package name
        for (const start of [0, 1]) {
          if (parts.length > fqn.length - start) continue;
          if (parts.every((p, i) => picomatch.isMatch(fqn[start + i], p))) return true;
        }
        return false;
      });
      break;
    }
    case 'tag': {
      const isMatch = glob(value);
      add((item) => item.tags.some((t) => isMatch(t)));
      break;
    }
    case 'path': {
      const clean = value.replace(/\/+$/, '');
      const isMatch = glob(clean);
      add((item) => {
        const p = item.original_file_path;
        return p === clean || p.startsWith(`${clean}/`) || isMatch(p);
      });
      break;
    }
    case 'resource_type':
      add((item) => item.resource_type === value);
      break;
    case 'package':
      add((item) => item.package_name === value);
      break;
    case 'source': {
      const [src, table] = value.split('.');
      add(
        (item) =>
          item.resource_type === 'source' &&
          picomatch.isMatch(item.source_name, src) &&
          (table === undefined || picomatch.isMatch(item.name, table)),
      );
      break;
    }
    case 'test_type':
      add(
        (item) =>
          item.resource_type === 'test' &&
          (value === 'data' || (value === 'generic') === Boolean((item as ManifestNode).test_metadata)),
      );
      break;
    case 'test_name':
      add((item) => item.resource_type === 'test' && (item as ManifestNode).test_metadata?.name === value);
      break;
    case 'state':
      return stateMatch(value, items, opts);
    case 'result': {
      if (!opts.previousResults)
        throw new UsageError("'result:' needs --state pointing at a previous target/ folder");
      const wanted = new Set(opts.previousResults.filter((r) => r.status === value).map((r) => r.unique_id));
      add((item) => wanted.has(item.unique_id));
      break;
    }
    default: {
      if (method.startsWith('config.')) {
        const key = method.slice('config.'.length);
        add((item) => {
          const v = (item.config as Record<string, unknown>)[key];
          return Array.isArray(v) ? v.map(String).includes(value) : v !== undefined && String(v) === value;
        });
        break;
      }
      throw new UsageError(`unknown selector method '${method}'`, {
        hint: 'methods: tag, path, config.<key>, resource_type, source, state, result, package, test_type, test_name, fqn',
      });
    }
  }
  return out;
}

function stateMatch(value: string, items: Map<string, Item>, opts: SelectionState): Set<string> {
  const prev = opts.previousManifest;
  if (!prev)
    throw new UsageError(`'state:${value}' needs --state pointing at a folder with a previous manifest.json`);
  const out = new Set<string>();
  for (const [id, item] of items) {
    const old: Item | undefined = prev.nodes[id] ?? prev.sources[id];
    const isNew = old === undefined;
    let modified = isNew;
    if (!isNew && item.resource_type !== 'source') {
      const n = item as ManifestNode;
      const o = old as ManifestNode;
      modified =
        n.checksum.checksum !== o.checksum?.checksum ||
        JSON.stringify(n.config) !== JSON.stringify(o.config) ||
        n.relation_name !== o.relation_name;
    } else if (!isNew) {
      modified =
        JSON.stringify(item.config) !== JSON.stringify(old.config) ||
        item.relation_name !== old.relation_name;
    }
    const hit =
      value === 'new'
        ? isNew
        : value === 'modified' || value.startsWith('modified.')
          ? modified
          : value === 'unmodified'
            ? !modified
            : value === 'old'
              ? !isNew
              : undefined;
    if (hit === undefined)
      throw new UsageError(`unknown state selector 'state:${value}'`, {
        hint: 'use new, modified, unmodified or old',
      });
    if (hit) out.add(id);
  }
  return out;
}
