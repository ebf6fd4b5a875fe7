import { genericTestNames } from '../../../runner/transform/parse/generic-test-name';
import { TreeConfig } from '../../../runner/transform/parse/tree-config';
import { injectCtes } from '../../../runner/transform/compile/inject-ctes';
import { suggestName } from '../../../runner/transform/project/suggest-name';

describe("dbt's generic test names", () => {
  test('unique, accepted_values and relationships', () => {
    expect(genericTestNames('unique', null, 'orders', { column_name: 'order_id' }, false).name).toBe(
      'unique_orders_order_id',
    );
    expect(
      genericTestNames(
        'accepted_values',
        null,
        'orders',
        { column_name: 'status', values: ['placed', 'shipped'] },
        false,
      ).name,
    ).toBe('accepted_values_orders_status__placed__shipped');
    expect(
      genericTestNames(
        'relationships',
        null,
        'orders',
        { column_name: 'customer_id', to: "ref('customers')", field: 'customer_id' },
        false,
      ).name,
    ).toBe('relationships_orders_customer_id__customer_id__ref_customers_');
    expect(genericTestNames('not_null', null, 'raw_orders', { column_name: 'id' }, true).name).toBe(
      'source_not_null_raw_orders_id',
    );
    expect(
      genericTestNames('expression_is_true', 'dbt_utils', 'orders', { expression: 'a > 0' }, false).name,
    ).toBe('dbt_utils_expression_is_true_orders_a_0');
  });

  test('names of 64 characters or more get a short alias with an md5', () => {
    const n = genericTestNames(
      'accepted_values',
      null,
      'orders',
      { column_name: 'status', values: ['placed', 'shipped', 'completed', 'returned'] },
      false,
    );
    expect(n.name.length).toBeGreaterThanOrEqual(64);
    expect(n.alias).toMatch(/^accepted_values_orders_[0-9a-f]{32}$/);
    expect(n.alias.length).toBeLessThan(64);
    expect(n.alias.startsWith('accepted_values_orders'.slice(0, 30))).toBe(true);
  });
});

describe('dbt_project.yml config trees', () => {
  const tree = new TreeConfig(
    {
      '+tags': ['all'],
      shop: {
        '+materialized': 'table',
        staging: { '+materialized': 'view', '+tags': ['staging'], stg_orders: { '+alias': 'orders_v' } },
      },
    },
    'model',
    'dbt_project.yml: models',
  );

  test('the most specific path wins; tags accumulate', () => {
    expect(tree.resolve(['shop', 'marts', 'orders'])).toEqual({ tags: ['all'], materialized: 'table' });
    expect(tree.resolve(['shop', 'staging', 'stg_orders'])).toEqual({
      tags: ['all', 'staging'],
      materialized: 'view',
      alias: 'orders_v',
    });
  });

  test('a misspelled config key is an error with a suggestion', () => {
    expect(
      () => new TreeConfig({ shop: { '+materizalied': 'table' } }, 'model', 'dbt_project.yml: models'),
    ).toThrow(/unknown model config 'materizalied'; did you mean 'materialized'\?/);
    expect(() => new TreeConfig({ shop: { '+unnnnique_key': 'id' } }, 'model', 'f')).toThrow(
      /did you mean 'unique_key'/,
    );
  });

  test('suggestions only for near misses', () => {
    expect(suggestName('matrialized', ['materialized', 'schema'])).toBe('materialized');
    expect(suggestName('zzz', ['materialized', 'schema'])).toBeUndefined();
  });
});

describe('ephemeral CTE injection', () => {
  const ctes = [{ name: '__dbt__cte__eph', sql: 'select 1 as id' }];
  test('into a query without a with clause', () => {
    expect(injectCtes('select * from __dbt__cte__eph', ctes)).toBe(
      'with __dbt__cte__eph as (\nselect 1 as id\n)\nselect * from __dbt__cte__eph',
    );
  });
  test('into the leading with clause, after comments', () => {
    expect(injectCtes('-- hi\nWITH a as (select 1) select * from a, __dbt__cte__eph', ctes)).toBe(
      '-- hi\nwith __dbt__cte__eph as (\nselect 1 as id\n),\na as (select 1) select * from a, __dbt__cte__eph',
    );
  });
});

describe('contract type names', () => {
  const { normaliseType } =
    require('../../../runner/transform/execute/check-contract') as typeof import('../../../runner/transform/execute/check-contract');
  test('synonyms and parameters compare equal; arrays keep their element type', () => {
    expect(normaliseType('INTEGER')).toBe(normaliseType('int4'));
    expect(normaliseType('character varying(20)')).toBe(normaliseType('VARCHAR'));
    expect(normaliseType('TIMESTAMP WITH TIME ZONE')).toBe(normaliseType('timestamptz'));
    expect(normaliseType('DECIMAL(10,2)')).toBe(normaliseType('numeric'));
    expect(normaliseType('VARCHAR[]')).toBe(normaliseType('_text'));
    expect(normaliseType('text[]')).not.toBe(normaliseType('text'));
  });
});
