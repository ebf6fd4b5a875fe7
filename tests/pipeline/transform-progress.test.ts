/**
 * The transform engine's node events as `--json` pipeline events: each finished node is journaled before
 * it is reported, progress counts nodes kept from an interrupted run as done, and the ETA comes from the
 * nodes' durations in previous runs (the mean for a node never run before), divided among the threads.
 */
import { jsonReporter } from '../../runner/pipeline/json-reporter';
import { estimateSeconds, transformProgress } from '../../runner/pipeline/transform-progress';
import { skippedResult, type NodeResult } from '../../runner/transform/execute/node-result';
import type { Manifest } from '../../runner/transform/parse/manifest-types';

const A = 'model.learn.a';
const B = 'model.learn.b';
const T = 'test.learn.not_null_b_id';
const manifest = {
  nodes: {
    [A]: { unique_id: A, name: 'a', resource_type: 'model' },
    [B]: { unique_id: B, name: 'b', resource_type: 'model' },
    [T]: { unique_id: T, name: 'not_null_b_id', resource_type: 'test' },
  },
  sources: {},
} as unknown as Manifest;

test('the ETA sums the previous durations of the nodes left, the mean for unknown ones, per thread', () => {
  const previous = new Map([
    [A, 4],
    [B, 2],
  ]);
  expect(estimateSeconds([A, B], previous, 1)).toBe(6);
  expect(estimateSeconds([A, B, T], previous, 2)).toBe(4.5);
  expect(estimateSeconds([A], new Map(), 1)).toBeNull();
});

test('node events become node_started / node_finished / step_progress lines, journaled first', () => {
  const lines: Record<string, unknown>[] = [];
  const out = {
    write: (text: string) => lines.push(JSON.parse(text) as Record<string, unknown>),
  } as unknown as NodeJS.WritableStream;
  const journaled: string[] = [];
  const reporter = jsonReporter(out, 0);
  const events = transformProgress({
    step: 'transform',
    manifest,
    reporter: {
      emit: (e) => {
        // a node is in the journal before anyone hears it finished
        if (e.event === 'node_finished') expect(journaled).toContain(e.node);
        reporter.emit(e);
      },
      close: () => undefined,
    },
    journal: { record: (r) => journaled.push(r.unique_id) },
    previousSeconds: new Map([
      [B, 3],
      [T, 1],
    ]),
    reused: 1,
  });
  const built: NodeResult = {
    ...skippedResult(B, '"main"."b"', null),
    status: 'success',
    execution_time: 2.5,
    adapter_response: { rows_affected: 42 },
    message: 'OK',
  };
  const failed: NodeResult = { ...skippedResult(T, null, 'Got 3 results'), status: 'fail', failures: 3 };
  events.planned?.([B, T], 1);
  events.nodeStarted?.(B, 1);
  events.nodeFinished?.(built, 1, 2);
  events.nodeStarted?.(T, 1);
  events.nodeFinished?.(failed, 2, 2);
  const strip = lines.map(({ ts, ...rest }) => (expect(typeof ts).toBe('string'), rest));
  expect(strip).toEqual([
    { event: 'step_progress', step: 'transform', done: 1, total: 3, unit: 'nodes', eta_seconds: 4 },
    { event: 'node_started', step: 'transform', node: B, name: 'b', resource_type: 'model' },
    {
      event: 'node_finished',
      step: 'transform',
      node: B,
      name: 'b',
      resource_type: 'model',
      status: 'success',
      seconds: 2.5,
      rows: 42,
    },
    { event: 'step_progress', step: 'transform', done: 2, total: 3, unit: 'nodes', eta_seconds: 1 },
    { event: 'node_started', step: 'transform', node: T, name: 'not_null_b_id', resource_type: 'test' },
    {
      event: 'node_finished',
      step: 'transform',
      node: T,
      name: 'not_null_b_id',
      resource_type: 'test',
      status: 'fail',
      seconds: 0,
      rows: 3,
      message: 'Got 3 results',
    },
    { event: 'step_progress', step: 'transform', done: 3, total: 3, unit: 'nodes', eta_seconds: 0 },
  ]);
  expect(journaled).toEqual([B, T]);
});
