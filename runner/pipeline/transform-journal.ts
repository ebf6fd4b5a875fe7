/**
 * The transform step's journal: one JSON line per node result, appended (synchronously) the moment the
 * engine reports it, so a run killed in the middle of the transform still knows on `--resume` which models
 * and tests already succeeded. Each attempt (the first run, then every resume) starts with a header line
 * holding the fingerprint of every input at that time (raw tables, node definitions), so the resume can
 * tell whether what a node was built from is still the same. A torn last line (the kill landed mid-write)
 * is ignored. The file lives beside the config (`.learnflow/pipeline/`) and is removed once the step has
 * been recorded as finished.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { NodeResult } from '../transform/execute/node-result';

export interface JournalAttempt {
  startedAt: string;
  /** Fingerprints of sources and nodes when the attempt started (see inputPrints). */
  prints: Record<string, string>;
  results: NodeResult[];
}

type JournalLine =
  | { kind: 'attempt'; run_id: number; started_at: string; prints: Record<string, string> }
  | { kind: 'node'; run_id: number; result: NodeResult };

export function transformJournalFile(configDir: string, runId: number): string {
  return path.join(configDir, '.learnflow', 'pipeline', `transform-run-${runId}.jsonl`);
}

/** The attempts recorded for `runId` (none when there is no journal). */
export function readTransformJournal(file: string, runId: number): JournalAttempt[] {
  if (!fs.existsSync(file)) return [];
  const attempts: JournalAttempt[] = [];
  for (const text of fs.readFileSync(file, 'utf8').split('\n')) {
    if (!text.trim()) continue;
    let line: JournalLine;
    try {
      line = JSON.parse(text) as JournalLine;
    } catch (_e) {
      continue; // the last line, torn by the kill
    }
    if (line.run_id !== runId) continue;
    if (line.kind === 'attempt')
      attempts.push({ startedAt: line.started_at, prints: line.prints ?? {}, results: [] });
    else if (line.kind === 'node' && attempts.length) attempts[attempts.length - 1].results.push(line.result);
  }
  return attempts;
}

export interface JournalWriter {
  record(result: NodeResult): void;
}

/** Start an attempt: a fresh journal for a new run, appended to for a resumed one. */
export function startJournalAttempt(
  file: string,
  runId: number,
  prints: Record<string, string>,
  fresh: boolean,
): JournalWriter {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const write = (line: JournalLine) => fs.appendFileSync(file, JSON.stringify(line) + '\n');
  // a new run: journals of older runs (never resumed) and any file of the same id are dropped
  if (fresh)
    for (const old of fs.readdirSync(path.dirname(file)))
      if (/^transform-run-\d+\.jsonl$/.test(old))
        fs.rmSync(path.join(path.dirname(file), old), { force: true });
  write({ kind: 'attempt', run_id: runId, started_at: new Date().toISOString(), prints });
  return {
    record: (result) => write({ kind: 'node', run_id: runId, result: { ...result, compiled_code: null } }),
  };
}

export function removeTransformJournal(file: string): void {
  fs.rmSync(file, { force: true });
}
