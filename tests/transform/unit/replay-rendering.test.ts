import { createLogger } from '../../../runner/common/logger';
import { renderWithReplay } from '../../../runner/transform/compile/render-with-replay';
import type { DatabaseAnswer, DatabaseRequest } from '../../../runner/transform/context/database-request';
import { createTemplatePort } from '../../../runner/transform/context/create-template-port';

/** Replay rendering with the real Jinja engine; answers come from a table of known queries. */
describe('replay rendering', () => {
  const engine = createTemplatePort(createLogger({ level: 'error', write: () => undefined }));
  const asked: string[] = [];
  const answer = async (req: DatabaseRequest): Promise<DatabaseAnswer> => {
    if (req.kind !== 'query') throw new Error('only queries here');
    asked.push(req.sql);
    const n = Number(/select (\d+)/.exec(req.sql)?.[1] ?? 0);
    return {
      kind: 'query',
      columns: [{ name: 'n', dataType: 'INTEGER' }],
      rows: [{ n: n * 10 }],
      rowsAffected: 1,
    };
  };

  test('each query is asked once, in order, and the final render sees every answer', async () => {
    const template =
      "{% for i in range(3) %}{% set r = run_query('select ' ~ i) %}{{ r.rows[0][0] }}{% if not loop.last %},{% endif %}{% endfor %}";
    const out = await renderWithReplay(
      (replay) =>
        engine.render(
          template,
          {
            run_query: (sql: string) => {
              const a = replay.ask({ kind: 'query', sql });
              return a.kind === 'query' ? { rows: a.rows.map((r) => [r.n]) } : null;
            },
          },
          { file: 'models/x.sql', packageName: 'p' },
        ),
      answer,
      'models/x.sql',
    );
    expect(out).toBe('0,10,20');
    expect(asked).toEqual(['select 0', 'select 1', 'select 2']);
  });

  test('without a connection, a database call is a compile error naming the file', async () => {
    await expect(
      renderWithReplay(
        (replay) => String(replay.ask({ kind: 'query', sql: 'select 1' })),
        undefined,
        'models/y.sql',
      ),
    ).rejects.toThrow(/queries the database while it renders, and no connection is open/);
  });

  test('a query that changes on every pass is reported instead of looping', async () => {
    let pass = 0;
    await expect(
      renderWithReplay(
        (replay) => String(replay.ask({ kind: 'query', sql: `select ${pass++}` })),
        answer,
        'models/z.sql',
      ),
    ).rejects.toThrow(/changes on every pass/);
  });
});
