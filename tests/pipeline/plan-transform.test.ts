/**
 * Which nodes a pipeline run builds and which models it may deliver, on a small manifest: two sources,
 * a staging model each, a mart joining them, a test on the mart, and a seed.
 */
import { planTransform } from '../../runner/pipeline/plan-transform';
import { summariseResults } from '../../runner/pipeline/summarise-results';
import type { NodeResult, NodeStatus } from '../../runner/transform/execute/node-result';
import type { Manifest, ManifestNode } from '../../runner/transform/parse/manifest-types';

function node(id: string, type: string, dependsOn: string[], schema = 'main'): ManifestNode {
  const name = id.split('.').at(-1) as string;
  return {
    unique_id: id,
    name,
    alias: name,
    schema,
    resource_type: type,
    depends_on: { nodes: dependsOn, macros: [] },
  } as unknown as ManifestNode;
}

const S1 = 'source.learn.edx.raw__edx__courses';
const S2 = 'source.learn.ocw.raw__ocw__courses';
const STG1 = 'model.learn.stg_edx';
const STG2 = 'model.learn.stg_ocw';
const MART = 'model.learn.learning_resource';
const TEST = 'test.learn.not_null_learning_resource_id';
const SEED = 'seed.learn.platforms';
const OTHER = 'model.learn.platform';

const manifest = {
  nodes: Object.fromEntries(
    [
      node(STG1, 'model', [S1], 'staging'),
      node(STG2, 'model', [S2], 'staging'),
      node(MART, 'model', [STG1, STG2]),
      node(TEST, 'test', [MART]),
      node(SEED, 'seed', []),
      node(OTHER, 'model', [SEED]),
    ].map((n) => [n.unique_id, n]),
  ),
  sources: {},
  child_map: {
    [S1]: [STG1],
    [S2]: [STG2],
    [STG1]: [MART],
    [STG2]: [MART],
    [MART]: [TEST],
    [TEST]: [],
    [SEED]: [OTHER],
    [OTHER]: [],
  },
} as unknown as Manifest;

const ids = (s: Set<string>) => [...s].sort();

test('only what is downstream of changed tables, with the tests', () => {
  const only = planTransform({
    manifest,
    changedSources: new Set([S1]),
    blockedSources: new Set(),
    changedNodes: new Set(),
  });
  expect(ids(only)).toEqual([MART, STG1, TEST].sort());
});

test('nothing changed: nothing to build', () => {
  const only = planTransform({
    manifest,
    changedSources: new Set(),
    blockedSources: new Set(),
    changedNodes: new Set(),
  });
  expect(only.size).toBe(0);
});

test('a failed sync holds back its downstream models, not unrelated ones', () => {
  const only = planTransform({
    manifest,
    changedSources: new Set([S1]),
    blockedSources: new Set([S2]),
    changedNodes: new Set([SEED]),
  });
  // the mart also reads the failed connection's table: held back with its test; the seed's branch runs
  expect(ids(only)).toEqual([OTHER, SEED, STG1].sort());
});

function result(id: string, status: NodeStatus): NodeResult {
  return { unique_id: id, status } as NodeResult;
}

test('a mart whose error-severity test failed is never delivered', () => {
  const s = summariseResults(manifest, [
    result(STG1, 'success'),
    result(MART, 'success'),
    result(TEST, 'fail'),
    result(OTHER, 'success'),
  ]);
  expect(s.failedNodes).toEqual(['not_null_learning_resource_id']);
  expect(s.heldBack.map((m) => m.model)).toEqual(['learning_resource']);
  expect(s.deliverable.map((m) => m.model).sort()).toEqual(['platform', 'stg_edx']);
  expect(s.undeliverable.has(MART)).toBe(true);
});

test('a warn-severity test failure does not hold a mart back; an error and what it skipped do', () => {
  const warned = summariseResults(manifest, [result(MART, 'success'), result(TEST, 'warn')]);
  expect(warned.heldBack).toEqual([]);
  expect(warned.deliverable.map((m) => m.model)).toEqual(['learning_resource']);
  const errored = summariseResults(manifest, [
    result(STG1, 'error'),
    result(MART, 'skipped'),
    result(TEST, 'skipped'),
  ]);
  expect(errored.heldBack.map((m) => m.model).sort()).toEqual(['learning_resource', 'stg_edx']);
  expect(errored.deliverable).toEqual([]);
});
