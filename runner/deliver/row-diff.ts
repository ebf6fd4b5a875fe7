/** Change detection: the build's (key, hash) pairs against what a target last acknowledged. */
import type { KeyHash } from './mart-tables';

export interface DeliveredRow {
  hash: string;
  part: string | null;
}

export interface TableDiff {
  inserted: string[];
  updated: string[];
  /** Keys delivered before and absent from the build now. */
  removed: string[];
  unchanged: number;
}

export function diffRows(build: Map<string, KeyHash>, delivered: Map<string, DeliveredRow>): TableDiff {
  const inserted: string[] = [];
  const updated: string[] = [];
  const removed: string[] = [];
  let unchanged = 0;
  for (const [key, b] of build) {
    const d = delivered.get(key);
    if (!d) inserted.push(key);
    else if (d.hash !== b.hash) updated.push(key);
    else unchanged++;
  }
  for (const key of delivered.keys()) if (!build.has(key)) removed.push(key);
  return { inserted, updated, removed, unchanged };
}

export function changedKeys(diff: TableDiff): string[] {
  return [...diff.inserted, ...diff.updated];
}
