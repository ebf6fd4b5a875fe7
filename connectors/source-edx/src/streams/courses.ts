import type { HttpClient } from '../../../cdk';
import schema from '../../schemas/courses.json';
import type { EdxConfig } from '../spec';
import { OwnedPagesStream } from './owned-pages-stream';

/** Catalog courses with their `course_runs`, incremental on the course's `modified`. */
export class Courses extends OwnedPagesStream {
  readonly name = 'courses';
  readonly jsonSchema = schema as Record<string, unknown>;
  readonly primaryKey = [['key']];
  readonly cursorField = ['modified'];
  protected readonly ownerField = 'owners';

  constructor(client: HttpClient, config: EdxConfig) {
    super(client, config.courses_url, config.owner_keys, config.page_size);
  }
}
