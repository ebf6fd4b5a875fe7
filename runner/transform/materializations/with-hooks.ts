import type { Plan } from './plan';
import type { MaterializationInput } from './materialization';

/** Wrap a plan with the node's rendered pre-hooks and post-hooks. */
export function withHooks(input: Pick<MaterializationInput, 'preHooks' | 'postHooks'>, plan: Plan): Plan {
  const pre = (input.preHooks ?? []).filter((s) => s.trim());
  const post = (input.postHooks ?? []).filter((s) => s.trim());
  return [
    ...(pre.length ? [{ label: 'pre-hook', sql: pre }] : []),
    ...plan,
    ...(post.length ? [{ label: 'post-hook', sql: post }] : []),
  ];
}
