import type { PipelineReporter } from './pipeline-events';

/** One JSON object per line, for orchestrators and CI; progress at most every `minIntervalMs` per step. */
export function jsonReporter(out: NodeJS.WritableStream, minIntervalMs = 1000): PipelineReporter {
  const last = new Map<string, number>();
  return {
    emit: (e) => {
      if (e.event === 'step_progress') {
        const now = Date.now();
        if (now - (last.get(e.step) ?? 0) < minIntervalMs) return;
        last.set(e.step, now);
      }
      out.write(JSON.stringify({ ...e, ts: new Date().toISOString() }) + '\n');
    },
    close: () => undefined,
  };
}
