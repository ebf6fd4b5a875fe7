import { openSession } from './open-session';
import type { TaskOptions } from './task-options';

/** `parse`: read the project, check it, write target/manifest.json. */
export async function parseTask(opts: TaskOptions): Promise<number> {
  const t0 = Date.now();
  const { session } = openSession(opts, 'parse');
  const counts = new Map<string, number>();
  for (const n of Object.values(session.manifest.nodes))
    counts.set(n.resource_type, (counts.get(n.resource_type) ?? 0) + 1);
  counts.set('source', Object.keys(session.manifest.sources).length);
  counts.set('macro', Object.keys(session.manifest.macros).length);
  const parts = [...counts]
    .filter(([, c]) => c > 0)
    .map(([t, c]) => `${c} ${t}${c === 1 ? '' : t === 'analysis' ? '' : 's'}`);
  opts.logger.info(
    `Parsed ${parts.join(', ')} in ${Date.now() - t0} ms; wrote ${session.targetDir}/manifest.json`,
  );
  return 0;
}
