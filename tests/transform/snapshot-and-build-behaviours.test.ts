import { createTestDatabase } from '../support/pg';
import {
  countStatuses,
  expectOk,
  setupProject,
  statuses,
  type Engine,
  type ProjectHarness,
} from './support/project-harness';

async function harness(
  name: string,
  engine: Engine,
): Promise<{ h: ProjectHarness; drop?: () => Promise<void> }> {
  if (engine === 'duckdb') return { h: setupProject(name, engine) };
  const db = await createTestDatabase(name.slice(0, 8));
  return { h: setupProject(name, engine, db.url), drop: db.drop };
}

/** Notes §4b cases 6, 7 (snapshots) and 9 (build skip propagation) through the CLI. */
describe.each<Engine>(['duckdb', 'postgres'])('snapshots and build on %s', (engine) => {
  describe('snapshots', () => {
    let h: ProjectHarness;
    let drop: (() => Promise<void>) | undefined;
    beforeAll(async () => {
      ({ h, drop } = await harness('snapshot_cases', engine));
      const r = await h.cli('seed');
      expectOk(r);
    });
    afterAll(async () => {
      h?.cleanup();
      await drop?.();
    });

    test('case 6: timestamp strategy closes changed rows and adds new ones', async () => {
      let r = await h.cli('build', '-s', '+people_snapshot', '+people_yaml_snapshot');
      expectOk(r);
      let rows = await h.query(`select * from ${h.schema}.people_snapshot`);
      expect(rows).toHaveLength(20);
      expect(rows.every((x) => x.dbt_valid_to === null)).toBe(true);
      expect(
        rows.every(
          (x) =>
            String(x.dbt_valid_from) === String(x.updated_at) &&
            String(x.dbt_updated_at) === String(x.updated_at),
        ),
      ).toBe(true);
      r = await h.cli(
        'build',
        '-s',
        '+people_snapshot',
        '+people_yaml_snapshot',
        '--vars',
        '{people: people_v2}',
      );
      expectOk(r);
      rows = await h.query(`select * from ${h.schema}.people_snapshot`);
      expect(rows).toHaveLength(41);
      expect(rows.filter((x) => x.dbt_valid_to === null)).toHaveLength(30);
      const closed = rows.filter((x) => x.dbt_valid_to !== null);
      expect(closed.map((x) => Number(x.id)).sort((a, b) => a - b)).toEqual([
        10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20,
      ]);
      for (const c of closed) {
        expect(new Date(String(c.dbt_valid_to)).getTime() - new Date(String(c.updated_at)).getTime()).toBe(
          3600_000,
        );
      }
      // the same snapshot declared in YAML (dbt 1.9 style)
      const yamlRows = await h.query(`select * from ${h.schema}.people_yaml_snapshot`);
      expect(yamlRows).toHaveLength(41);
      expect(yamlRows.filter((x) => x.dbt_valid_to !== null)).toHaveLength(11);
      const current20 = rows.find((x) => Number(x.id) === 20 && x.dbt_valid_to === null)!;
      expect(current20.email).toBe('uma@example.com');
    });

    test('case 7: check strategy with all / listed columns, and the timestamp twin', async () => {
      const counts = async () => {
        const out: Record<string, number> = {};
        for (const t of ['check_all', 'check_name', 'check_date', 'check_timestamp']) {
          out[t] = Number((await h.query(`select count(*) as n from ${h.schema}.${t}`))[0].n);
        }
        return out;
      };
      const step = async (check: string) => {
        const r = await h.cli(
          'build',
          '-s',
          '+check_all',
          '+check_name',
          '+check_date',
          '+check_timestamp',
          '--vars',
          `{check: ${check}}`,
        );
        expectOk(r);
        return counts();
      };
      expect(await step('check_base')).toEqual({
        check_all: 10,
        check_name: 10,
        check_date: 10,
        check_timestamp: 10,
      });
      expect(await step('check_added')).toEqual({
        check_all: 20,
        check_name: 20,
        check_date: 20,
        check_timestamp: 20,
      });
      expect(await step('check_date_changed')).toEqual({
        check_all: 30,
        check_name: 20,
        check_date: 30,
        check_timestamp: 30,
      });
      expect(await step('check_name_changed')).toEqual({
        check_all: 40,
        check_name: 30,
        check_date: 30,
        check_timestamp: 30,
      });
    });
  });

  describe('build', () => {
    let h: ProjectHarness;
    let drop: (() => Promise<void>) | undefined;
    beforeAll(async () => {
      ({ h, drop } = await harness('build_skips', engine));
    });
    afterAll(async () => {
      h?.cleanup();
      await drop?.();
    });

    test('case 9: a model error skips everything downstream, including its tests and snapshot', async () => {
      const r = await h.cli('build', '--vars', '{break_model: true}');
      expect(r.status).toBe(1);
      expect(countStatuses(h.dir)).toEqual({ success: 3, error: 1, skipped: 8, pass: 1 });
      const s = statuses(h.dir);
      expect(s['model.build_skips.stg_countries']).toBe('error');
      expect(s['snapshot.build_skips.country_snapshot']).toBe('skipped');
      expect(s['model.build_skips.independent_child']).toBe('success');
      // the database error names the model, the compiled file and the database's message
      expect(r.stderr).toMatch(/Database Error in model stg_countries \(models\/stg_countries\.sql\)/);
      expect(r.stderr).toMatch(/no_such_column/);
      expect(r.stderr).toMatch(/compiled code at target\/compiled\/build_skips\/models\/stg_countries\.sql/);
      expect(r.stderr).toMatch(/learnflow transform retry/);
    });

    test('retry re-runs only what errored or was skipped (with the cause fixed)', async () => {
      const r = await h.cli('retry', '--vars', '{break_model: false}');
      expectOk(r);
      const s = statuses(h.dir);
      expect(Object.keys(s)).toHaveLength(9);
      expect(s['model.build_skips.stg_countries']).toBe('success');
      expect(s['model.build_skips.independent']).toBeUndefined();
    });

    test('case 9: a failing test skips the children of what it tests, and nothing else', async () => {
      const r = await h.cli('build', '--vars', '{break_test: true}');
      expect(r.status).toBe(1);
      expect(countStatuses(h.dir)).toEqual({ success: 4, pass: 4, fail: 1, skipped: 4 });
      const s = statuses(h.dir);
      expect(s['model.build_skips.country_names']).toBe('skipped');
      expect(s['model.build_skips.independent_child']).toBe('success');
    });
  });
});
