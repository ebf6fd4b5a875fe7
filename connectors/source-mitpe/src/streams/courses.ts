import { HttpStream, PageNumberPaginator, type HttpClient, type HttpRequest } from '../../../cdk';
import schema from '../../schemas/courses.json';
import type { MitpeConfig } from '../spec';

/**
 * The Drupal feed `/feeds/courses/?page=N` (courses and programs), from page 0 until a page is empty.
 * Rows are flat; multi-valued fields (`run__readable_id`, `start_date`, `topics`, `instructors`,
 * `courses`...) stay the raw `|`-joined strings the feed sends, and the transforms split them.
 */
export class Courses extends HttpStream {
  readonly name = 'courses';
  readonly jsonSchema = schema as Record<string, unknown>;
  readonly primaryKey = [['uuid']];
  readonly cursorField = [];

  constructor(
    client: HttpClient,
    private readonly config: MitpeConfig,
  ) {
    super(client, new PageNumberPaginator({ param: 'page', start: 0 }));
  }

  request(): HttpRequest {
    return { url: this.config.courses_path };
  }
}
