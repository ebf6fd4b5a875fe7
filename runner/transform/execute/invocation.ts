import type { Adapter } from '../adapters/adapter';
import type { ProjectSession } from '../parse/project-session';

/** What every node runner of one command shares. */
export interface Invocation {
  session: ProjectSession;
  adapter: Adapter;
  fullRefresh: boolean;
  /** `compile`: write pretty-printed SQL; otherwise the SQL as rendered (faster). */
  prettyPrint: boolean;
  /** Rows of a failing test printed to help debugging. */
  failingRowsShown: number;
  storeFailures: boolean;
}
