import { CompilationError } from './compilation-error';
import {
  NeedsDatabase,
  ReplayState,
  type DatabaseAnswer,
  type DatabaseRequest,
} from '../context/database-request';

/** Rendering passes allowed per template: each pass may add one database answer. */
export const MAX_REPLAY_PASSES = 250;

/**
 * Render, and whenever the template stops at a database request, await the answer and render again
 * (see database-request.ts). `answer` is undefined when no connection is available (pure compile).
 */
export async function renderWithReplay(
  render: (replay: ReplayState) => string,
  answer: ((request: DatabaseRequest) => Promise<DatabaseAnswer>) | undefined,
  where: string,
): Promise<string> {
  const replay = new ReplayState();
  for (let pass = 0; pass < MAX_REPLAY_PASSES; pass++) {
    replay.reset();
    try {
      return render(replay);
    } catch (e) {
      const pending = replay.pending ?? (e instanceof NeedsDatabase ? e : undefined);
      if (!pending) throw e;
      if (!answer) {
        throw new CompilationError(
          'this model queries the database while it renders, and no connection is open',
          {
            where,
            hint: 'run it with `learnflow transform compile` against a target, or guard the call with {% if execute %}',
          },
        );
      }
      if (replay.unstable.size) {
        throw new CompilationError(
          'a query run while rendering changes on every pass, so its result can never be reused',
          {
            where,
            hint: 'render-time queries must not depend on the current time or random values; use run_started_at or invocation_id',
          },
        );
      }
      replay.answer(pending.key, await answer(pending.request));
    }
  }
  throw new CompilationError(`rendering did not settle after ${MAX_REPLAY_PASSES} database round trips`, {
    where,
    hint: 'a template that issues this many run_query/statement calls should be split, or loop over one query result',
  });
}
