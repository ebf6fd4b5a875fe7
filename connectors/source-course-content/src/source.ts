import type { AirbyteConnectionStatus, ConnectorLogger, Source, Stream } from '../../cdk';
import { ContentExtractor } from './extract/content-extractor';
import type { ObjectStore } from './storage/object-store';
import { FolderStore } from './storage/folder-store';
import { S3Store } from './storage/s3-store';
import { spec, type CourseContentConfig } from './spec';
import { CourseArchiveFiles } from './streams/course-archive-files';
import { OcwContentFiles } from './streams/ocw-content-files';

/** The store for one input: a local folder, or a bucket on the configured S3 endpoint. */
export function storeFor(
  config: CourseContentConfig,
  logger: ConnectorLogger,
  bucket: string | undefined,
  folder: string | undefined,
  folderField: string,
): ObjectStore | undefined {
  if (folder) return new FolderStore(folder, folderField);
  if (!bucket) return undefined;
  return new S3Store({
    endpoint: config.s3_endpoint_url,
    bucket,
    region: config.s3_region,
    pathStyle: config.s3_path_style,
    credentials:
      config.aws_access_key_id && config.aws_secret_access_key
        ? {
            accessKeyId: config.aws_access_key_id,
            secretAccessKey: config.aws_secret_access_key,
            sessionToken: config.aws_session_token,
          }
        : undefined,
    timeoutMs: config.request_timeout_seconds * 1000,
    maxRetries: config.max_retries,
    backoffBaseMs: config.retry_backoff_seconds * 1000,
    logger,
  });
}

/** Text extraction as configured: Tika when `tika_url` is set, else the built-in extractors. */
export function extractorFor(config: CourseContentConfig, logger: ConnectorLogger): () => ContentExtractor {
  return () =>
    new ContentExtractor({
      logger,
      pdfTimeoutMs: config.pdf_timeout_seconds * 1000,
      tika: config.tika_url
        ? {
            url: config.tika_url,
            accessToken: config.tika_access_token,
            ocrStrategy: config.tika_ocr_strategy,
            timeoutMs: config.tika_timeout_seconds * 1000,
            concurrency: config.tika_concurrency,
            maxRetries: config.tika_max_retries,
            backoffBaseMs: config.tika_backoff_seconds * 1000,
          }
        : undefined,
    });
}

/** Course content files: OLX course exports and OCW resources, with their text. */
export class CourseContentSource implements Source<CourseContentConfig> {
  readonly name = 'source-course-content';
  readonly version = '0.1.0';

  spec() {
    return spec;
  }

  async check(config: CourseContentConfig, logger: ConnectorLogger): Promise<AirbyteConnectionStatus> {
    const quick = { ...config, max_retries: Math.min(config.max_retries, 2) };
    const archives = storeFor(quick, logger, config.archives_bucket, config.archives_path, 'archives_path');
    const ocw = storeFor(quick, logger, config.ocw_bucket, config.ocw_path, 'ocw_path');
    if (!archives && !ocw) {
      return {
        status: 'FAILED',
        message: 'nothing to read: set archives_bucket or archives_path, and/or ocw_bucket or ocw_path',
      };
    }
    if (archives) await archives.list(config.archives_prefix);
    if (ocw) await ocw.list(config.ocw_prefix);
    return { status: 'SUCCEEDED' };
  }

  streams(config: CourseContentConfig, logger: ConnectorLogger): Stream<any>[] {
    const extractor = extractorFor(config, logger);
    const out: Stream<any>[] = [];
    const archives = storeFor(config, logger, config.archives_bucket, config.archives_path, 'archives_path');
    if (archives) {
      out.push(
        new CourseArchiveFiles({
          store: archives,
          prefix: config.archives_prefix,
          maxFileBytes: config.max_file_size_bytes,
          concurrency: config.tika_url ? config.tika_concurrency : 1,
          extractor,
        }),
      );
    }
    const ocw = storeFor(config, logger, config.ocw_bucket, config.ocw_path, 'ocw_path');
    if (ocw) {
      out.push(
        new OcwContentFiles({
          store: ocw,
          prefix: config.ocw_prefix,
          maxFileBytes: config.max_file_size_bytes,
          extractor,
        }),
      );
    }
    return out;
  }
}
