/**
 * What a resumed transform keeps from the interrupted attempts of its run, on a small manifest: two raw
 * tables, a staging model each, an ephemeral model, a mart over all of them, a test on a staging model
 * and one on the mart.
 */
import { planResume } from '../../runner/pipeline/plan-resume';
import type { JournalAttempt } from '../../runner/pipeline/transform-journal';
import { skippedResult, type NodeResult, type NodeStatus } from '../../runner/transform/execute/node-result';
import type { Manifest, ManifestNode } from '../../runner/transform/parse/manifest-types';

const S1 = 'source.learn.edx.raw__edx__courses';
const S2 = 'source.learn.ocw.raw__ocw__courses';
const STG1 = 'model.learn.stg_edx';
const STG2 = 'model.learn.stg_ocw';
const EPH = 'model.learn.eph_edx';
const MART = 'model.learn.learning_resource';
const TEST_STG1 = 'test.learn.unique_stg_edx_id';
const TEST_MART = 'test.learn.not_null_learning_resource_id';

function node(id: string, type: string, dependsOn: string[], materialized = 'table'): ManifestNode {
  const name = id.split('.').at(-1) as string;
  return {
    unique_id: id,
    name,
    alias: name,
    schema: 'main',
    resource_type: type,
    config: { materialized },
    checksum: { name: 'sha256', checksum: name },
    depends_on: { nodes: dependsOn, macros: [] },
  } as unknown as ManifestNode;
}

const manifest = {
  nodes: Object.fromEntries(
    [
      node(STG1, 'model', [S1]),
      node(STG2, 'model', [S2]),
      node(EPH, 'model', [STG1], 'ephemeral'),
      node(MART, 'model', [EPH, STG2]),
      node(TEST_STG1, 'test', [STG1]),
      node(TEST_MART, 'test', [MART]),
    ].map((n) => [n.unique_id, n]),
  ),
  sources: { [S1]: { unique_id: S1 }, [S2]: { unique_id: S2 } },
} as unknown as Manifest;

const ALL = new Set([STG1, STG2, EPH, MART, TEST_STG1, TEST_MART]);
const PRINTS: Record<string, string> = {
  [S1]: 's1',
  [S2]: 's2',
  [STG1]: 'stg1',
  [STG2]: 'stg2',
  [EPH]: 'eph',
  [MART]: 'mart',
  [TEST_STG1]: 't1',
  [TEST_MART]: 't2',
};

function result(id: string, status: NodeStatus): NodeResult {
  return { ...skippedResult(id, null, null), status };
}

function attempt(results: [string, NodeStatus][], prints = PRINTS): JournalAttempt {
  return { startedAt: '', prints, results: results.map(([id, s]) => result(id, s)) };
}

const kept = (p: ReturnType<typeof planResume>) => [...p.reused.keys()].sort();
const rerun = (p: ReturnType<typeof planResume>) => [...p.remaining].sort();

test('no journal: everything runs', () => {
  expect(rerun(planResume(manifest, ALL, [], PRINTS))).toEqual([...ALL].sort());
});

test('killed after the staging models and a test: those are kept, the rest runs', () => {
  const p = planResume(
    manifest,
    ALL,
    [
      attempt([
        [STG1, 'success'],
        [TEST_STG1, 'pass'],
        [STG2, 'success'],
      ]),
    ],
    PRINTS,
  );
  expect(kept(p)).toEqual([STG1, STG2, TEST_STG1].sort());
  expect(rerun(p)).toEqual([EPH, MART, TEST_MART].sort());
  expect(p.reused.get(TEST_STG1)?.status).toBe('pass');
});

test('failed, skipped and failing-test nodes run again, and so does everything below them', () => {
  const p = planResume(
    manifest,
    ALL,
    [
      attempt([
        [STG1, 'success'],
        [TEST_STG1, 'fail'],
        [STG2, 'error'],
        [MART, 'skipped'],
        [TEST_MART, 'skipped'],
      ]),
    ],
    PRINTS,
  );
  expect(kept(p)).toEqual([STG1]);
  expect(rerun(p)).toEqual([STG2, EPH, MART, TEST_STG1, TEST_MART].sort());
});

test('a model built in the killed run whose parent is rebuilt now is rebuilt, and its tests re-run', () => {
  const done = attempt([
    [STG1, 'success'],
    [STG2, 'success'],
    [TEST_STG1, 'pass'],
    [MART, 'success'],
  ]);
  // the staging model's definition changed before the resume
  const p = planResume(manifest, ALL, [done], { ...PRINTS, [STG2]: 'stg2, edited' });
  expect(kept(p)).toEqual([STG1, TEST_STG1].sort());
  expect(rerun(p)).toEqual([STG2, EPH, MART, TEST_MART].sort());
});

test('a raw table that changed since the killed run (a sync re-run on resume) rebuilds what reads it', () => {
  const done = attempt([
    [STG1, 'success'],
    [STG2, 'success'],
    [TEST_STG1, 'pass'],
    [MART, 'success'],
  ]);
  const p = planResume(manifest, ALL, [done], { ...PRINTS, [S1]: 's1, new rows' });
  expect(kept(p)).toEqual([STG2]);
  expect(rerun(p)).toEqual([STG1, EPH, MART, TEST_STG1, TEST_MART].sort());
});

test('an ephemeral model that changed rebuilds the models it is inlined into', () => {
  const done = attempt([
    [STG1, 'success'],
    [STG2, 'success'],
    [MART, 'success'],
    [TEST_MART, 'pass'],
  ]);
  const p = planResume(manifest, ALL, [done], { ...PRINTS, [EPH]: 'eph, edited' });
  expect(kept(p)).toEqual([STG1, STG2].sort());
  expect(rerun(p)).toEqual([EPH, MART, TEST_STG1, TEST_MART].sort());
});

test('a parent rebuilt by a later attempt than its child makes the child stale', () => {
  // attempt 1 built the mart; attempt 2 (a resume, killed again) rebuilt a staging model, not the mart
  const first = attempt([
    [STG1, 'success'],
    [STG2, 'success'],
    [MART, 'success'],
  ]);
  const second = attempt([[STG2, 'success']]);
  const p = planResume(manifest, ALL, [first, second], PRINTS);
  expect(kept(p)).toEqual([STG1, STG2].sort());
  expect(rerun(p)).toEqual([EPH, MART, TEST_STG1, TEST_MART].sort());
});

test('nodes outside the plan are never kept, and a parent outside the plan does not block', () => {
  const only = new Set([MART, TEST_MART]);
  const p = planResume(manifest, only, [attempt([[MART, 'success']])], PRINTS);
  expect(kept(p)).toEqual([MART]);
  expect(rerun(p)).toEqual([TEST_MART]);
});
