import { SystemError, type Source } from '../../cdk';
import { createXproClient } from './client';
import { spec, type XproConfig } from './spec';
import { Courses } from './streams/courses';
import { Programs } from './streams/programs';

const VERSION = '0.1.0';

/** MIT xPRO: the courses and programs catalog APIs (plain JSON arrays, no auth, no paging). */
export const xproSource: Source<XproConfig> = {
  name: 'source-xpro',
  version: VERSION,
  spec: () => spec,
  async check(config, logger) {
    const client = createXproClient(config, logger, VERSION);
    const res = await client.send({ url: config.courses_path }, { expect: 'json' });
    if (!Array.isArray(res.data)) {
      throw new SystemError('expected a JSON array of courses; check the base URL and courses path', {
        where: res.url,
      });
    }
    return { status: 'SUCCEEDED', message: `${res.data.length} course(s) listed` };
  },
  streams(config, logger) {
    const client = createXproClient(config, logger, VERSION);
    return [new Courses(client, config), new Programs(client, config)];
  },
};
