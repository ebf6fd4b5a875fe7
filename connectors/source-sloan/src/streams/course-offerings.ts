import type { HttpClient } from '../../../cdk';
import schema from '../../schemas/course_offerings.json';
import type { SloanConfig } from '../spec';
import { ArrayStream } from './array-stream';

/** Course offerings (the runs, joined to courses on `Course_Id`). No timestamps: a snapshot. */
export class CourseOfferings extends ArrayStream {
  readonly name = 'course_offerings';
  readonly jsonSchema = schema as Record<string, unknown>;
  readonly primaryKey = [['Course_Id'], ['CO_Title']];
  readonly cursorField = [];

  constructor(client: HttpClient, config: SloanConfig) {
    super(client, config.course_offerings_path);
  }
}
