import type { Adapter } from '../adapters/adapter';
import type { ProjectSession } from '../parse/project-session';
import type { RelationCache } from './relation-cache';

/** What every node runner of one command shares. */
export interface Invocation {
  session: ProjectSession;
  adapter: Adapter;
  fullRefresh: boolean;
  /** `compile`: write pretty-printed SQL; otherwise the SQL as rendered (faster). */
  prettyPrint: boolean;
  /** Rows of a failing test printed to help debugging. */
  failingRowsShown: number;
  /** The first failing rows of each failed or warned test, as a text table, for the summary. */
  failingRows: Map<string, string>;
  storeFailures: boolean;
  /** Relations that existed when the command started, listed once per schema. */
  relations: RelationCache;
}
