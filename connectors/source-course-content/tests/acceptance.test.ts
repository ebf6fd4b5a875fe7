import path from 'node:path';
import { acceptanceSuite } from '../../cdk/testing/acceptance';
import {
  ARCHIVES_BUCKET,
  ARCHIVES_PREFIX,
  OCW_BUCKET,
  courseContentReplayRoutes,
} from '../src/replay-routes';

acceptanceSuite({
  entry: path.join(__dirname, '..', 'src', 'index.ts'),
  routes: () => courseContentReplayRoutes('AKIACOURSECONTENTTEST'),
  config: (baseUrl) => ({
    s3_endpoint_url: baseUrl,
    aws_access_key_id: 'AKIACOURSECONTENTTEST',
    aws_secret_access_key: 'course-content-secret-2f304a',
    archives_bucket: ARCHIVES_BUCKET,
    archives_prefix: ARCHIVES_PREFIX,
    ocw_bucket: OCW_BUCKET,
    retry_backoff_seconds: 0,
  }),
  invalidConfig: (baseUrl) => ({
    config: { s3_endpoint_url: baseUrl, archives_bucket: ARCHIVES_BUCKET, max_file_size_bytes: 0 },
    field: 'max_file_size_bytes',
  }),
  incrementalStreams: ['course_archive_files', 'ocw_content_files'],
});
