import { duckdbCapabilities, postgresCapabilities } from '../adapters/capabilities';
import { quoteIdentifier, renderRelation } from '../adapters/quote';
import { isIncrementalRun, resolveStrategy } from './incremental';
import type { NodeConfig } from './materialization';
import { MaterializationError } from './materialization-error';
import { diffSchemas, planSchemaChange } from './on-schema-change';
import type { SqlDialect } from './plan';
import { mergeUpdateColumns } from './strategies/merge';
import { defaultTempName } from './temp-name';
import { normalizeUniqueKey, resolveUniqueKey } from './unique-key';

const dialects: SqlDialect[] = [duckdbCapabilities(1), postgresCapabilities(1, 160000)].map(
  (capabilities) => ({
    capabilities,
    quote: quoteIdentifier,
    render: (r) => renderRelation(r),
  }),
);
const cfg = (c: Partial<NodeConfig>): NodeConfig => ({ materialized: 'incremental', ...c });

describe.each(dialects.map((d) => [d.capabilities.type, d] as const))('planners for %s', (_type, dialect) => {
  it('defaults like the dbt adapter: delete+insert with a key; without one append (postgres) or delete+insert (duckdb)', () => {
    const keyless = dialect.capabilities.type === 'duckdb' ? 'delete+insert' : 'append';
    expect(resolveStrategy(dialect, cfg({})).name).toBe(keyless);
    expect(resolveStrategy(dialect, cfg({ unique_key: '' })).name).toBe(keyless);
    expect(resolveStrategy(dialect, cfg({ unique_key: ['id'] })).name).toBe('delete+insert');
    expect(resolveStrategy(dialect, cfg({ unique_key: 'id', incremental_strategy: 'merge' })).name).toBe(
      'merge',
    );
  });

  it('rejects unknown and unsupported strategies', () => {
    expect(() => resolveStrategy(dialect, cfg({ incremental_strategy: 'microbatch' }))).toThrow(
      "The incremental strategy 'microbatch' is not valid for this adapter",
    );
    expect(() =>
      resolveStrategy(dialect, cfg({ incremental_strategy: 'a+b' }), { projectName: 'p' }),
    ).toThrow('with the name "get_incremental_a_b_sql" in p');
  });
});

describe('unique_key', () => {
  it('normalizes strings, lists and empties', () => {
    expect(normalizeUniqueKey('id')).toEqual(['id']);
    expect(normalizeUniqueKey(['a', '', 'b'])).toEqual(['a', 'b']);
    expect(normalizeUniqueKey('')).toEqual([]);
    expect(normalizeUniqueKey(null)).toEqual([]);
  });

  it('resolves columns case-insensitively, keeps expressions, names a missing column', () => {
    const cols = [{ name: 'Id', dataType: 'INTEGER' }];
    expect(resolveUniqueKey(['id', "id || '-' || x"], cols, 'm')).toEqual(['"Id"', "id || '-' || x"]);
    expect(() => resolveUniqueKey(['nope'], cols, 'm')).toThrow(/unique_key column "nope" does not exist/);
  });
});

describe('on_schema_change', () => {
  const target = [
    { name: 'id', dataType: 'INTEGER' },
    { name: 'a', dataType: 'VARCHAR' },
  ];
  const source = [
    { name: 'ID', dataType: 'integer' },
    { name: 'b', dataType: 'DATE' },
  ];
  it('diffs names case-insensitively', () => {
    const diff = diffSchemas(source, target);
    expect(diff.sourceNotInTarget.map((c) => c.name)).toEqual(['b']);
    expect(diff.targetNotInSource.map((c) => c.name)).toEqual(['a']);
    expect(diff.newTargetTypes).toEqual([]);
  });
  it('ignore writes the target columns; no change writes the source columns', () => {
    const t = { schema: 's', identifier: 't' };
    expect(planSchemaChange(dialects[0], t, 'ignore', source, target).destColumns).toEqual(target);
    expect(planSchemaChange(dialects[0], t, 'fail', target, target).sql).toEqual([]);
    expect(() => planSchemaChange(dialects[0], t, 'fail', source, target)).toThrow(MaterializationError);
  });
});

describe('merge columns', () => {
  const base = {
    target: { schema: 's', identifier: 't' },
    temp: { schema: 's', identifier: 'u' },
    uniqueKey: ['id'],
    predicates: [],
    destColumns: ['id', 'Msg', 'color'].map((name) => ({ name, dataType: 'TEXT' })),
  };
  it('honours update and exclude lists', () => {
    expect(mergeUpdateColumns({ ...base, mergeExcludeColumns: ['msg'] }).map((c) => c.name)).toEqual([
      'id',
      'color',
    ]);
    expect(mergeUpdateColumns({ ...base, mergeUpdateColumns: ['COLOR'] }).map((c) => c.name)).toEqual([
      'color',
    ]);
    expect(() => mergeUpdateColumns({ ...base, mergeUpdateColumns: ['nope'] })).toThrow(/nope/);
  });
});

describe('names and modes', () => {
  it('cuts scratch names to the identifier limit', () => {
    const r = defaultTempName(63)({ schema: 's', identifier: 'x'.repeat(70) }, '__dbt_backup');
    expect(r.identifier).toHaveLength(63);
    expect(r.identifier.endsWith('__dbt_backup')).toBe(true);
  });
  it('answers is_incremental()', () => {
    const table = { schema: 's', identifier: 't', type: 'table' as const };
    expect(isIncrementalRun(cfg({}), table, false)).toBe(true);
    expect(isIncrementalRun(cfg({}), null, false)).toBe(false);
    expect(isIncrementalRun(cfg({}), { ...table, type: 'view' }, false)).toBe(false);
    expect(isIncrementalRun(cfg({}), table, true)).toBe(false);
    expect(isIncrementalRun(cfg({ full_refresh: false }), table, true)).toBe(true);
  });
});
