import fs from 'node:fs';
import path from 'node:path';
import { ConfigError, UsageError } from '../../common/errors';
import { isRecord, readYamlFile } from '../project/read-yaml-file';
import { didYouMean } from '../project/suggest-name';
import type { Manifest } from '../parse/manifest-types';
import type { DependencyGraph } from './dependency-graph';
import { selectNodes, type SelectionState } from './select-nodes';

/** Read `selectors.yml` of a project: name → definition. */
export function readSelectors(projectRoot: string): Record<string, unknown> {
  const file = path.join(projectRoot, 'selectors.yml');
  if (!fs.existsSync(file)) return {};
  const raw = readYamlFile(file);
  if (!isRecord(raw) || !Array.isArray(raw.selectors))
    throw new ConfigError("expected a 'selectors' list", { where: file });
  const out: Record<string, unknown> = {};
  raw.selectors.forEach((s, i) => {
    if (!isRecord(s) || typeof s.name !== 'string' || s.definition === undefined) {
      throw new ConfigError('each selector needs a name and a definition', {
        where: `${file}: selectors[${i}]`,
      });
    }
    out[s.name] = s.definition;
  });
  return out;
}

/** Evaluate the named YAML selector (union / intersection / method+value / exclude) to unique ids. */
export function resolveSelector(
  name: string,
  selectors: Record<string, unknown>,
  manifest: Manifest,
  graph: DependencyGraph,
  state: SelectionState,
): Set<string> {
  if (!(name in selectors)) {
    throw new UsageError(
      `no selector named '${name}' in selectors.yml${didYouMean(name, Object.keys(selectors))}`,
    );
  }
  const atom = (expr: string) =>
    selectNodes(manifest, graph, { ...state, select: [expr], exclude: [], indirectTests: false });
  const evaluate = (def: unknown, seen: string[]): Set<string> => {
    if (typeof def === 'string') return atom(def);
    if (Array.isArray(def)) return union(def.map((d) => evaluate(d, seen)));
    if (!isRecord(def)) throw new UsageError(`selector '${name}': cannot read ${JSON.stringify(def)}`);
    if (Array.isArray(def.union))
      return withExclude(
        union(def.union.filter((d) => !isExclude(d)).map((d) => evaluate(d, seen))),
        def.union,
        seen,
      );
    if (Array.isArray(def.intersection)) {
      const sets = def.intersection.filter((d) => !isExclude(d)).map((d) => evaluate(d, seen));
      const first = sets.shift() ?? new Set<string>();
      return withExclude(
        new Set([...first].filter((x) => sets.every((s) => s.has(x)))),
        def.intersection,
        seen,
      );
    }
    if (typeof def.method === 'string') {
      if (def.method === 'selector') {
        const other = String(def.value);
        if (seen.includes(other)) throw new UsageError(`selector cycle: ${[...seen, other].join(' -> ')}`);
        return resolveSelector(other, selectors, manifest, graph, state);
      }
      let expr = def.method === 'fqn' ? String(def.value) : `${def.method}:${String(def.value)}`;
      if (def.childrens_parents) expr = `@${expr}`;
      else {
        if (def.parents) expr = `${def.parents_depth ?? ''}+${expr}`;
        if (def.children) expr = `${expr}+${def.children_depth ?? ''}`;
      }
      let out = atom(expr);
      if (def.exclude !== undefined) {
        const ex = evaluate(def.exclude, seen);
        out = new Set([...out].filter((x) => !ex.has(x)));
      }
      return out;
    }
    const key = Object.keys(def)[0];
    if (key && key !== 'exclude') return atom(`${key}:${String(def[key])}`);
    throw new UsageError(`selector '${name}': cannot read ${JSON.stringify(def)}`);
  };
  const isExclude = (d: unknown) => isRecord(d) && 'exclude' in d && Object.keys(d).length === 1;
  const withExclude = (set: Set<string>, list: unknown[], seen: string[]): Set<string> => {
    const ex = union(
      list.filter(isExclude).map((d) => evaluate((d as Record<string, unknown>).exclude, seen)),
    );
    return new Set([...set].filter((x) => !ex.has(x)));
  };
  return evaluate(selectors[name], [name]);
}

function union(sets: Set<string>[]): Set<string> {
  const out = new Set<string>();
  for (const s of sets) for (const x of s) out.add(x);
  return out;
}
