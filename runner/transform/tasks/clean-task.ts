import fs from 'node:fs';
import path from 'node:path';
import { ConfigError } from '../../common/errors';
import { loadProject } from '../project/load-project';
import type { TaskOptions } from './task-options';

/** `clean`: delete the project's clean-targets (default: target/), never anything outside the project. */
export async function cleanTask(opts: TaskOptions): Promise<number> {
  const project = loadProject(opts.projectDir, (text) => text);
  for (const t of project.cleanTargets) {
    const dir = path.resolve(project.root, t);
    if (dir === project.root || !dir.startsWith(project.root + path.sep)) {
      throw new ConfigError(`refusing to delete '${t}': clean-targets must be inside the project`, {
        where: `${project.file}: clean-targets`,
      });
    }
    if (fs.existsSync(dir)) {
      fs.rmSync(dir, { recursive: true, force: true });
      opts.logger.info(`Deleted ${path.relative(project.root, dir)}/`);
    }
  }
  return 0;
}
