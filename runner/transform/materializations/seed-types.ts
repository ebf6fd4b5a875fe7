import type { AdapterCapabilities, Column } from '../adapters/adapter';

type Inferred = 'integer' | 'float' | 'date' | 'timestamp' | 'boolean' | 'text';

const INTEGER = /^[-+]?\d+$/;
const FLOAT = /^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/;
const DATE = /^\d{4}-\d{2}-\d{2}$/;
const TIMESTAMP = /^\d{4}-\d{2}-\d{2}[ T]\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[-+]\d{2}(:?\d{2})?)?$/;
const BOOLEAN = /^(true|false)$/i;
const INT32 = 2 ** 31;

/** agate's order as dbt configures it: the first type every non-null value fits wins (all-null: integer). */
const TESTS: [Inferred, (v: string) => boolean][] = [
  ['integer', (v) => INTEGER.test(v)],
  ['float', (v) => FLOAT.test(v)],
  ['date', (v) => DATE.test(v) && !Number.isNaN(Date.parse(v))],
  [
    'timestamp',
    (v) =>
      TIMESTAMP.test(v) &&
      !Number.isNaN(Date.parse(v.replace(' ', 'T').replace(/([-+]\d{2})(\d{2})$/, '$1:$2'))),
  ],
  ['boolean', (v) => BOOLEAN.test(v)],
];

export function inferType(values: (string | null)[]): { type: Inferred; big: boolean } {
  const present = values.filter((v): v is string => v !== null);
  for (const [type, test] of TESTS) {
    if (present.every(test)) {
      const big = type === 'integer' && present.some((v) => Math.abs(Number(v)) >= INT32);
      return { type, big };
    }
  }
  return { type: 'text', big: false };
}

/** The empty string and `null` (any case) are NULL in a seed, as in dbt. */
export function seedValue(raw: string): string | null {
  const v = raw.trim();
  return v === '' || v.toLowerCase() === 'null' ? null : raw;
}

/**
 * The seed table's columns: `column_types` overrides (matched case-insensitively), else the type inferred
 * from the values, named with the engine's seed type names.
 */
export function inferSeedColumns(
  header: string[],
  rows: (string | null)[][],
  capabilities: Pick<AdapterCapabilities, 'seedTypes' | 'bigIntegerType'>,
  columnTypes: Record<string, string> = {},
): Column[] {
  const overrides = new Map(Object.entries(columnTypes).map(([k, v]) => [k.toLowerCase(), v]));
  return header.map((name, i) => {
    const declared = overrides.get(name.toLowerCase());
    if (declared) return { name, dataType: declared };
    const { type, big } = inferType(rows.map((r) => r[i] ?? null));
    const dataType = big ? (capabilities.bigIntegerType ?? 'bigint') : capabilities.seedTypes[type];
    return { name, dataType };
  });
}
