import { SystemError, type Source } from '../../cdk';
import { createSloanClient } from './client';
import { spec, type SloanConfig } from './spec';
import { CourseOfferings } from './streams/course-offerings';
import { Courses } from './streams/courses';

const VERSION = '0.1.0';

/** MIT Sloan Executive Education: courses and course offerings behind OAuth2 client credentials. */
export const sloanSource: Source<SloanConfig> = {
  name: 'source-sloan',
  version: VERSION,
  spec: () => spec,
  async check(config, logger) {
    const client = createSloanClient(config, logger, VERSION);
    const res = await client.send({ url: config.courses_path }, { expect: 'json' });
    if (!Array.isArray(res.data)) {
      throw new SystemError('expected a JSON array of courses; check the base URL and courses path', {
        where: res.url,
      });
    }
    return { status: 'SUCCEEDED' };
  },
  streams(config, logger) {
    const client = createSloanClient(config, logger, VERSION);
    return [new Courses(client, config), new CourseOfferings(client, config)];
  },
};
