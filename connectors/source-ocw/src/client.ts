import { ConfigurationError, HttpClient, httpOptionsFromConfig, type ConnectorLogger } from '../../cdk';
import { HttpStore } from './http-store';
import type { OcwStore } from './ocw-store';
import { S3Store } from './s3-store';
import { coursesPrefix, type OcwConfig } from './spec';

/** The store of an OCW run (S3 or HTTP) over one HTTP client with the config's retry and rate settings. */
export function createOcwStore(config: OcwConfig, logger: ConnectorLogger, version: string): OcwStore {
  const storage = config.storage;
  const http = new HttpClient({
    ...httpOptionsFromConfig(config, logger),
    userAgent: `learnflow-source-ocw/${version}`,
    ...(storage.storage_type === 'http' ? { baseUrl: storage.base_url } : {}),
  });
  if (storage.storage_type === 'http') {
    if (!config.course_slugs?.length) {
      throw new ConfigurationError('HTTP storage cannot list courses: set course_slugs', {
        where: 'course_slugs',
      });
    }
    return new HttpStore(http, config.course_slugs);
  }
  for (const s of [storage.secret_access_key, storage.session_token]) if (s) logger.addSecret(s);
  return new S3Store(http, storage, {
    prefix: coursesPrefix(config),
    courseSlugs: config.course_slugs,
    pageSize: config.page_size,
  });
}
