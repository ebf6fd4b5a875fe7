import type { HttpClient } from '../../../cdk';
import schema from '../../schemas/courses.json';
import type { SloanConfig } from '../spec';
import { ArrayStream } from './array-stream';

/** Courses, incremental on `SourceLastModifiedDate` (the API has no filter: older rows are dropped by the kit). */
export class Courses extends ArrayStream {
  readonly name = 'courses';
  readonly jsonSchema = schema as Record<string, unknown>;
  readonly primaryKey = [['Course_Id']];
  readonly cursorField = ['SourceLastModifiedDate'];

  constructor(client: HttpClient, config: SloanConfig) {
    super(client, config.courses_path);
  }
}
