import { DependencyGraph } from '../../../runner/transform/graph/dependency-graph';
import { buildExecutionPlan } from '../../../runner/transform/execute/execution-plan';
import { runScheduled } from '../../../runner/transform/execute/run-scheduler';
import type { NodeResult } from '../../../runner/transform/execute/node-result';
import { manifestOf } from './manifest-fixture';

describe('dependency graph', () => {
  test('orders nodes after their parents, ties by id', () => {
    const g = new DependencyGraph({ c: ['a', 'b'], b: ['a'], a: [], d: [] });
    expect(g.topologicalOrder()).toEqual(['a', 'b', 'c', 'd']);
  });

  test('a cycle is reported with its path', () => {
    const g = new DependencyGraph({ a: ['c'], b: ['a'], c: ['b'], d: [] });
    expect(() => g.topologicalOrder()).toThrow(
      /dependency cycle: (a -> b -> c -> a|b -> c -> a -> b|c -> a -> b -> c)/,
    );
  });

  test('ancestors and descendants with depth', () => {
    const g = new DependencyGraph({ a: [], b: ['a'], c: ['b'], d: ['c'] });
    expect([...g.ancestors('d', 1)]).toEqual(['c']);
    expect([...g.ancestors('d')].sort()).toEqual(['a', 'b', 'c']);
    expect([...g.descendants('a', 2)].sort()).toEqual(['b', 'c']);
  });
});

describe('execution plan', () => {
  const manifest = manifestOf({
    'seed.p.s': [],
    'model.p.a': ['seed.p.s'],
    'test.p.not_null_a_id.1': ['model.p.a'],
    'model.p.b': ['model.p.a'],
    'model.p.c': ['model.p.b'],
    'model.p.x': [],
    'test.p.rel_b_x.1': ['model.p.b', 'model.p.x'],
    'model.p.d': ['model.p.b', 'model.p.x'],
  });
  const graph = new DependencyGraph(manifest.parent_map);
  const all = new Set(Object.keys(manifest.parent_map));

  test('in build, a test runs before the children of what it tests', () => {
    const plan = buildExecutionPlan(manifest, graph, all, true);
    expect(plan.dependsOn['model.p.b']).toContain('test.p.not_null_a_id.1');
    expect(plan.order.indexOf('test.p.not_null_a_id.1')).toBeLessThan(plan.order.indexOf('model.p.b'));
    // the relationships test has two parents: only a child downstream of both waits for it (no cycle)
    expect(plan.dependsOn['model.p.d']).toContain('test.p.rel_b_x.1');
    expect(plan.dependsOn['model.p.c']).not.toContain('test.p.rel_b_x.1');
  });

  test('dependencies through unselected nodes still order the selection', () => {
    const plan = buildExecutionPlan(manifest, graph, new Set(['model.p.a', 'model.p.c']), false);
    expect(plan.order).toEqual(['model.p.a', 'model.p.c']);
    expect(plan.dependsOn['model.p.c']).toEqual(['model.p.a']);
  });

  test('a failure skips everything downstream and nothing else', async () => {
    const plan = buildExecutionPlan(manifest, graph, all, true);
    const ran: string[] = [];
    const results = await runScheduled(
      plan,
      async (id) => {
        ran.push(id);
        return result(
          id,
          id === 'test.p.not_null_a_id.1' ? 'fail' : id.startsWith('test') ? 'pass' : 'success',
        );
      },
      { threads: 3, failFast: false, relationNameOf: () => null },
    );
    const status = Object.fromEntries(results.map((r) => [r.unique_id, r.status]));
    expect(status['model.p.b']).toBe('skipped');
    expect(status['model.p.c']).toBe('skipped');
    expect(status['test.p.rel_b_x.1']).toBe('skipped');
    expect(status['model.p.x']).toBe('success');
    expect(ran).not.toContain('model.p.b');
  });

  test('fail-fast stops scheduling after the first failure', async () => {
    const plan = buildExecutionPlan(manifest, graph, all, false);
    const ran: string[] = [];
    const results = await runScheduled(
      plan,
      async (id) => {
        ran.push(id);
        return result(id, id === 'seed.p.s' ? 'error' : 'success');
      },
      { threads: 1, failFast: true, relationNameOf: () => null },
    );
    expect(ran[ran.length - 1]).toBe('seed.p.s');
    expect(results.filter((r) => r.status === 'skipped').length).toBe(results.length - ran.length);
  });
});

function result(id: string, status: NodeResult['status']): NodeResult {
  return {
    unique_id: id,
    status,
    timing: [],
    thread_id: 'Thread-1',
    execution_time: 0,
    adapter_response: {},
    message: null,
    failures: null,
    compiled: false,
    compiled_code: null,
    relation_name: null,
    batch_results: null,
  };
}
