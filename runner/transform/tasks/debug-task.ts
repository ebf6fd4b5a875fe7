import fs from 'node:fs';
import path from 'node:path';
import { describeError } from '../../common/errors';
import { openAdapter as createAdapter } from '../execute/open-adapter';
import { publicTarget } from '../project/load-profile';
import { DBT_VERSION } from '../parse/manifest-types';
import { openSession } from './open-session';
import type { TaskOptions } from './task-options';

/** `debug`: where the project and profile were found, the target (no secrets), and a connection test. */
export async function debugTask(opts: TaskOptions): Promise<number> {
  const out = opts.out;
  out(`learnflow transform (dbt ${DBT_VERSION} compatible), node ${process.version}\n`);
  const projectFile = path.join(path.resolve(opts.projectDir), 'dbt_project.yml');
  out(`project file: ${projectFile} ${fs.existsSync(projectFile) ? '[OK found]' : '[not found]'}\n`);
  let code = 0;
  try {
    const { session } = openSession(opts, 'debug');
    out(`profiles.yml: ${session.profilesFile} [OK found and valid]\n`);
    out(`profile: ${session.profileName}, target: ${session.target.name}\n`);
    const shown = publicTarget(session.target, session.profileName);
    for (const [k, v] of Object.entries(shown))
      if (k !== 'profile_name') out(`  ${k}: ${opts.logger.redact(String(v))}\n`);
    const adapter = await createAdapter(session.target, opts.logger);
    try {
      await adapter.execute('select 1 as ok');
      out('connection: [OK connection ok]\n');
    } finally {
      await adapter.close();
    }
    out('All checks passed!\n');
  } catch (e) {
    out(`${opts.logger.redact(describeError(e))}\n[ERROR]\n`);
    code = 1;
  }
  return code;
}
