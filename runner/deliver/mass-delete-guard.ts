/**
 * Guard against truncated builds: refuse a delivery that would delete or unpublish more than a share of a
 * source's delivered resources (or all of them) unless the caller allows it.
 */
import type { KeyHash } from './mart-tables';
import type { DeliveredRow } from './row-diff';
import { MassDeleteError } from './delivery-error';

export interface GuardOptions {
  maxShare: number;
  allowMassDelete: boolean;
  /** Where, for the error: the target. */
  where: string;
}

export interface SourceLoss {
  source: string;
  delivered: number;
  lost: number;
}

/** Per etl_source: resources delivered before, and how many would be removed or newly unpublished. */
export function resourceLosses(
  build: Map<string, KeyHash>,
  delivered: Map<string, DeliveredRow & { published?: boolean }>,
): SourceLoss[] {
  const per = new Map<string, SourceLoss>();
  const get = (s: string) => {
    if (!per.has(s)) per.set(s, { source: s, delivered: 0, lost: 0 });
    return per.get(s)!;
  };
  for (const [key, d] of delivered) {
    const src = d.part ?? '(none)';
    const entry = get(src);
    entry.delivered++;
    const b = build.get(key);
    if (!b) entry.lost++;
    else if (b.published === false && b.hash !== d.hash) entry.lost++;
  }
  return [...per.values()];
}

export function checkMassDelete(losses: SourceLoss[], options: GuardOptions): void {
  if (options.allowMassDelete) return;
  const bad = losses.filter(
    (l) => l.lost > 0 && (l.lost === l.delivered || l.lost / l.delivered > options.maxShare),
  );
  if (!bad.length) return;
  const list = bad
    .map((l) => `${l.source}: ${l.lost} of ${l.delivered} (${Math.round((100 * l.lost) / l.delivered)}%)`)
    .join('; ');
  throw new MassDeleteError(
    `the delivery would delete or unpublish more than ${Math.round(options.maxShare * 100)}% of a source's resources — ${list}; re-run with --allow-mass-delete if this is intended`,
    {
      where: options.where,
      hint: 'check that the build is complete; if the removal is intended, re-run with --allow-mass-delete',
    },
  );
}
