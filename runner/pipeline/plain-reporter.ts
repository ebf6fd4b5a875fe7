import type { Logger } from '../common/logger';
import type { PipelineReporter } from './pipeline-events';

/** A line per step start and end, and per failed transform node (stdout is not a terminal: no bars). */
export function plainReporter(logger: Logger): PipelineReporter {
  return {
    emit: (e) => {
      switch (e.event) {
        case 'pipeline_started':
          logger.info(
            `pipeline run ${e.run_id}${e.resumed ? ' (resumed)' : ''}: ${e.steps.length} step(s)` +
              (e.eta_seconds !== null ? `, about ${Math.round(e.eta_seconds)}s from previous runs` : ''),
          );
          break;
        case 'step_started':
          logger.info(
            `${e.step}: started${e.eta_seconds !== null ? ` (took ${e.eta_seconds.toFixed(1)}s last time)` : ''}`,
          );
          break;
        case 'step_finished':
          logger[e.status === 'failed' ? 'error' : 'info'](
            `${e.step}: ${e.reused ? 'done in the interrupted run, not redone' : e.status}, ${e.rows} row(s) in ${e.seconds.toFixed(1)}s` +
              (e.message ? ` — ${e.message}` : '') +
              (e.error ? ` — ${e.error}` : ''),
          );
          break;
        case 'node_finished':
          if (['error', 'fail', 'runtime error'].includes(e.status))
            logger.warn(
              `${e.step}: ${e.resource_type} ${e.name} ${e.status}${e.message ? ` — ${e.message}` : ''}`,
            );
          else
            logger.debug(
              `${e.step}: ${e.resource_type} ${e.name} ${e.reused ? 'done in the interrupted run, kept' : e.status}` +
                (e.reused ? '' : ` in ${e.seconds.toFixed(1)}s`),
            );
          break;
        case 'pipeline_finished':
          logger.info(`pipeline run ${e.run_id} ${e.status} in ${e.seconds.toFixed(1)}s`);
          break;
        default:
          break;
      }
    },
    close: () => undefined,
  };
}
