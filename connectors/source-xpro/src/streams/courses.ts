import type { HttpClient } from '../../../cdk';
import schema from '../../schemas/courses.json';
import type { XproConfig } from '../spec';
import { ArrayStream } from './array-stream';

/** Courses from `/api/courses/` with their `courseruns`, as the API returns them. No timestamps: a snapshot. */
export class Courses extends ArrayStream {
  readonly name = 'courses';
  readonly jsonSchema = schema as Record<string, unknown>;
  readonly primaryKey = [['readable_id']];
  readonly cursorField = [];

  constructor(client: HttpClient, config: XproConfig) {
    super(client, config.courses_path);
  }
}
