import type { HttpClient } from '../../../cdk';
import schema from '../../schemas/courses.json';
import type { MitxOnlineConfig } from '../spec';
import { DrfStream } from './drf-stream';

/** Courses from `/api/v2/courses/`, as the API returns them. A snapshot: the payload has no updated-at. */
export class Courses extends DrfStream {
  readonly name = 'courses';
  readonly jsonSchema = schema as Record<string, unknown>;
  readonly primaryKey = [['id']];
  readonly cursorField = [];

  constructor(client: HttpClient, config: MitxOnlineConfig) {
    super(client, config, config.courses_path);
  }
}
