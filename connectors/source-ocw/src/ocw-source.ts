import type { Source, Stream } from '../../cdk';
import { createOcwStore } from './client';
import { S3Store } from './s3-store';
import { coursesPrefix, spec, type OcwConfig } from './spec';
import { Courses } from './streams/courses';
import { Pages } from './streams/pages';
import { Resources } from './streams/resources';

const VERSION = '0.1.0';

/** MIT OpenCourseWare: course, page and resource `data.json` objects from the OCW bucket (S3) or a web server. */
export const ocwSource: Source<OcwConfig> = {
  name: 'source-ocw',
  version: VERSION,
  spec: () => spec,
  async check(config, logger) {
    const prefix = coursesPrefix(config);
    const store = createOcwStore(config, logger, VERSION);
    if (store instanceof S3Store) {
      const page = await store.firstPage(5);
      return {
        status: 'SUCCEEDED',
        message: `listed ${page.commonPrefixes.length} course folder(s) under '${prefix}' on the first page`,
      };
    }
    const slug = config.course_slugs?.[0] ?? '';
    const key = `${prefix}${slug}/data.json`;
    if (!(await store.getJson(key))) return { status: 'FAILED', message: `${key} was not found` };
    return { status: 'SUCCEEDED' };
  },
  streams(config, logger) {
    const store = createOcwStore(config, logger, VERSION);
    const prefix = coursesPrefix(config);
    const concurrency = config.max_concurrency ?? 4;
    const streams: Stream[] = [new Courses(store, prefix, concurrency)];
    if (store.canList)
      streams.push(new Pages(store, prefix, concurrency), new Resources(store, prefix, concurrency));
    return streams;
  },
};
