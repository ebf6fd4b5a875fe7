import { DependencyGraph } from '../../../runner/transform/graph/dependency-graph';
import { selectNodes } from '../../../runner/transform/graph/select-nodes';
import { manifestOf } from './manifest-fixture';

const manifest = manifestOf(
  {
    'seed.shop.raw_orders': [],
    'model.shop.stg_orders': ['seed.shop.raw_orders'],
    'model.shop.orders': ['model.shop.stg_orders'],
    'model.shop.customers': ['model.shop.stg_orders', 'model.shop.stg_customers'],
    'model.shop.stg_customers': [],
    'test.shop.unique_orders_id.abc': ['model.shop.orders'],
  },
  {
    'model.shop.stg_orders': {
      tags: ['staging'],
      fqn: ['shop', 'staging', 'stg_orders'],
      original_file_path: 'models/staging/stg_orders.sql',
    },
    'model.shop.stg_customers': {
      tags: ['staging', 'pii'],
      fqn: ['shop', 'staging', 'stg_customers'],
      original_file_path: 'models/staging/stg_customers.sql',
    },
    'model.shop.orders': {
      config: { materialized: 'table' },
      fqn: ['shop', 'marts', 'orders'],
      original_file_path: 'models/marts/orders.sql',
    },
    'model.shop.customers': {
      config: { materialized: 'table' },
      fqn: ['shop', 'marts', 'customers'],
      original_file_path: 'models/marts/customers.sql',
    },
  },
);
const graph = new DependencyGraph(manifest.parent_map);
const sel = (select: string[], exclude: string[] = [], resourceTypes?: string[]) =>
  [...selectNodes(manifest, graph, { select, exclude, resourceTypes })].sort();

describe('node selection', () => {
  test('name, +name, name+, n+name, name+n and @name', () => {
    expect(sel(['orders'], [], ['model'])).toEqual(['model.shop.orders']);
    expect(sel(['+orders'], [], ['model', 'seed'])).toEqual([
      'model.shop.orders',
      'model.shop.stg_orders',
      'seed.shop.raw_orders',
    ]);
    expect(sel(['stg_orders+'], [], ['model'])).toEqual([
      'model.shop.customers',
      'model.shop.orders',
      'model.shop.stg_orders',
    ]);
    expect(sel(['1+orders'], [], ['model', 'seed'])).toEqual(['model.shop.orders', 'model.shop.stg_orders']);
    expect(sel(['raw_orders+1'], [], ['model', 'seed'])).toEqual([
      'model.shop.stg_orders',
      'seed.shop.raw_orders',
    ]);
    expect(sel(['@stg_customers'], [], ['model', 'seed'])).toEqual([
      'model.shop.customers',
      'model.shop.stg_customers',
      'model.shop.stg_orders',
      'seed.shop.raw_orders',
    ]);
  });

  test('methods: tag, path, config, resource_type, folder fqn', () => {
    expect(sel(['tag:pii'])).toEqual(['model.shop.stg_customers']);
    expect(sel(['path:models/marts'], [], ['model'])).toEqual(['model.shop.customers', 'model.shop.orders']);
    expect(sel(['config.materialized:table'])).toEqual([
      'model.shop.customers',
      'model.shop.orders',
      'test.shop.unique_orders_id.abc',
    ]);
    expect(sel(['resource_type:seed'])).toEqual(['seed.shop.raw_orders']);
    expect(sel(['staging'], [], ['model'])).toEqual(['model.shop.stg_customers', 'model.shop.stg_orders']);
  });

  test('a selected model brings its tests; union, intersection and exclude', () => {
    expect(sel(['orders'])).toEqual(['model.shop.orders', 'test.shop.unique_orders_id.abc']);
    expect(sel(['tag:staging,stg_orders+'], [], ['model'])).toEqual(['model.shop.stg_orders']);
    expect(sel(['orders customers'], [], ['model'])).toEqual(['model.shop.customers', 'model.shop.orders']);
    expect(sel(['stg_orders+'], ['orders'], ['model', 'test'])).toEqual([
      'model.shop.customers',
      'model.shop.stg_orders',
    ]);
  });

  test('state:modified compares with the previous manifest', () => {
    const previous = JSON.parse(JSON.stringify(manifest));
    previous.nodes['model.shop.orders'].checksum.checksum = 'old';
    delete previous.nodes['model.shop.customers'];
    const out = [
      ...selectNodes(manifest, graph, {
        select: ['state:modified'],
        exclude: [],
        previousManifest: previous,
        resourceTypes: ['model'],
      }),
    ];
    expect(out.sort()).toEqual(['model.shop.customers', 'model.shop.orders']);
  });

  test('result:error reads the previous run results', () => {
    const out = selectNodes(manifest, graph, {
      select: ['result:error+'],
      exclude: [],
      previousResults: [{ unique_id: 'model.shop.stg_orders', status: 'error' }],
      resourceTypes: ['model'],
    });
    expect([...out].sort()).toEqual(['model.shop.customers', 'model.shop.orders', 'model.shop.stg_orders']);
  });

  test('an unknown method is a usage error naming the methods', () => {
    expect(() => sel(['colour:red'])).toThrow(/unknown selector method 'colour'/);
  });
});
