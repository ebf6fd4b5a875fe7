import type { HttpClient } from '../../../cdk';
import schema from '../../schemas/programs.json';
import type { EdxConfig } from '../spec';
import { OwnedPagesStream } from './owned-pages-stream';

/** Discovery programs, incremental on `data_modified_timestamp` (programs carry no `modified`). */
export class Programs extends OwnedPagesStream {
  readonly name = 'programs';
  readonly jsonSchema = schema as Record<string, unknown>;
  readonly primaryKey = [['uuid']];
  readonly cursorField = ['data_modified_timestamp'];
  protected readonly ownerField = 'authoring_organizations';

  constructor(client: HttpClient, config: EdxConfig) {
    super(client, config.programs_url, config.owner_keys, config.page_size);
  }
}
