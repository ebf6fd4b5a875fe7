/**
 * The live view on a terminal (cli-progress): one bar for the whole run (steps done, elapsed, ETA from the
 * previous runs' step durations) and one per step (records with rate and ETA from TRACE ESTIMATE for a
 * sync; for the transform, nodes done, the ones running, and an ETA from the nodes' previous durations, all
 * from the engine's node events).
 */
import { MultiBar, Presets, type SingleBar } from 'cli-progress';
import type { PipelineEvent, PipelineReporter } from './pipeline-events';

export function liveReporter(
  stream: NodeJS.WriteStream = process.stderr,
): PipelineReporter & { log(line: string): void } {
  const multi = new MultiBar(
    {
      stream,
      hideCursor: true,
      clearOnComplete: false,
      autopadding: true,
      format: '{label} [{bar}] {value}/{total} {unit} | {rate}/s | {state}',
    },
    Presets.shades_classic,
  );
  const started = Date.now();
  const bars = new Map<string, { bar: SingleBar; at: number; unit: string }>();
  const eta = new Map<string, number>();
  let overall: SingleBar | undefined;
  let stepCount = 0;
  let doneSteps = 0;
  let closed = false;

  /** Transform nodes under way, per step, and how many failed. */
  const running = new Map<string, Set<string>>();
  const failedNodes = new Map<string, number>();
  const nodeEta = new Map<string, number | null>();
  const nodeState = (step: string): string => {
    const now = [...(running.get(step) ?? [])];
    const failed = failedNodes.get(step) ?? 0;
    const left = nodeEta.get(step);
    return (
      (now.length
        ? `running ${now.slice(0, 2).join(', ')}${now.length > 2 ? ` +${now.length - 2}` : ''}`
        : 'running') +
      (failed ? `, ${failed} failed` : '') +
      (left !== undefined && left !== null ? ` ETA ${Math.round(left)}s` : '')
    );
  };
  let steps: string[] = [];
  const finished = new Set<string>();
  const remaining = (): string => {
    let secs = 0;
    let known = true;
    for (const step of steps) {
      if (finished.has(step)) continue;
      const e = eta.get(step);
      if (e === undefined) {
        known = false;
        continue;
      }
      const entry = bars.get(step);
      secs += Math.max(0, e - (entry ? (Date.now() - entry.at) / 1000 : 0));
    }
    const elapsed = ((Date.now() - started) / 1000).toFixed(0);
    return `elapsed ${elapsed}s | ETA ${known ? `${Math.round(secs)}s` : '? (no previous run)'}`;
  };
  const refreshOverall = () =>
    overall?.update(doneSteps, {
      label: 'pipeline'.padEnd(24),
      unit: 'steps',
      rate: '-',
      state: remaining(),
    });

  const handle = (e: PipelineEvent) => {
    switch (e.event) {
      case 'pipeline_started':
        stepCount = e.steps.length;
        steps = [...e.steps];
        for (const [step, secs] of Object.entries(e.previous_seconds)) eta.set(step, secs);
        overall = multi.create(Math.max(1, stepCount), 0, {
          label: 'pipeline'.padEnd(24),
          unit: 'steps',
          rate: '-',
          state: '',
        });
        break;
      case 'step_started': {
        if (e.eta_seconds !== null) eta.set(e.step, e.eta_seconds);
        const unit = e.kind === 'sync' ? 'records' : e.kind === 'transform' ? 'nodes' : 'tables';
        const bar = multi.create(Math.max(1, e.total ?? 1), 0, {
          label: e.step.slice(0, 24).padEnd(24),
          unit,
          rate: 0,
          state: 'running',
        });
        bars.set(e.step, { bar, at: Date.now(), unit });
        if (stepCount < bars.size) {
          stepCount = bars.size;
          overall?.setTotal(stepCount);
        }
        break;
      }
      case 'step_progress': {
        const entry = bars.get(e.step);
        if (!entry) break;
        const total = Math.max(e.total ?? 0, e.done, 1);
        if (total !== entry.bar.getTotal()) entry.bar.setTotal(total);
        const secs = Math.max(0.001, (Date.now() - entry.at) / 1000);
        const rate = Math.round(e.done / secs);
        if (e.unit === 'nodes') {
          // the ETA comes from the nodes' durations in previous runs, not from the rate
          if (e.eta_seconds !== undefined) nodeEta.set(e.step, e.eta_seconds);
          if (e.eta_seconds !== undefined && e.eta_seconds !== null) eta.set(e.step, secs + e.eta_seconds);
          entry.bar.update(e.done, { rate, state: nodeState(e.step) });
          break;
        }
        const left = e.total && rate > 0 ? ` ETA ${Math.max(0, Math.round((e.total - e.done) / rate))}s` : '';
        entry.bar.update(e.done, {
          rate,
          state: `running${e.committed !== undefined ? `, ${e.committed} committed` : ''}${left}`,
        });
        break;
      }
      case 'step_finished': {
        let entry = bars.get(e.step);
        if (!entry) {
          const bar = multi.create(1, 0, {
            label: e.step.slice(0, 24).padEnd(24),
            unit: e.kind === 'sync' ? 'records' : 'rows',
            rate: '-',
            state: '',
          });
          entry = { bar, at: Date.now(), unit: '' };
          bars.set(e.step, entry);
        }
        entry.bar.setTotal(Math.max(1, entry.bar.getTotal(), entry.bar.getProgress() * entry.bar.getTotal()));
        entry.bar.update(entry.bar.getTotal(), {
          state: `${e.reused ? 'done before, kept' : e.status} in ${e.seconds.toFixed(1)}s${e.message ? ` (${e.message})` : ''}`,
        });
        doneSteps++;
        finished.add(e.step);
        break;
      }
      case 'node_started': {
        const now = running.get(e.step) ?? new Set<string>();
        now.add(e.name);
        running.set(e.step, now);
        bars.get(e.step)?.bar.update({ state: nodeState(e.step) });
        break;
      }
      case 'node_finished': {
        running.get(e.step)?.delete(e.name);
        if (['error', 'fail', 'runtime error'].includes(e.status)) {
          failedNodes.set(e.step, (failedNodes.get(e.step) ?? 0) + 1);
          multi.log(
            `${e.step}: ${e.resource_type} ${e.name} ${e.status}${e.message ? `: ${e.message}` : ''}\n`,
          );
        }
        bars.get(e.step)?.bar.update({ state: nodeState(e.step) });
        break;
      }
      case 'pipeline_finished':
        doneSteps = Math.max(doneSteps, stepCount);
        break;
      default:
        break;
    }
    refreshOverall();
  };

  return {
    emit: (e) => {
      if (!closed) handle(e);
    },
    /** A line above the bars (warnings and errors while the view is live). */
    log: (line) => {
      if (closed) stream.write(line + '\n');
      else multi.log(line + '\n');
    },
    close: () => {
      if (closed) return;
      closed = true;
      refreshOverall();
      multi.stop();
    },
  };
}
