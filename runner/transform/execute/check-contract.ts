import { LearnflowError } from '../../common/errors';
import type { ManifestNode } from '../parse/manifest-types';
import type { Invocation } from './invocation';

/** A model whose columns do not match its enforced contract. */
export class ContractError extends LearnflowError {}

const SYNONYMS: Record<string, string> = {
  int: 'integer',
  int4: 'integer',
  signed: 'integer',
  integer: 'integer',
  int8: 'bigint',
  long: 'bigint',
  bigint: 'bigint',
  int2: 'smallint',
  short: 'smallint',
  smallint: 'smallint',
  float8: 'double',
  float: 'double',
  'double precision': 'double',
  double: 'double',
  float4: 'real',
  real: 'real',
  text: 'text',
  varchar: 'text',
  string: 'text',
  'character varying': 'text',
  char: 'text',
  character: 'text',
  bpchar: 'text',
  bool: 'boolean',
  boolean: 'boolean',
  logical: 'boolean',
  numeric: 'numeric',
  decimal: 'numeric',
  date: 'date',
  timestamp: 'timestamp',
  datetime: 'timestamp',
  'timestamp without time zone': 'timestamp',
  timestamptz: 'timestamptz',
  'timestamp with time zone': 'timestamptz',
  json: 'json',
  jsonb: 'jsonb',
  uuid: 'uuid',
  time: 'time',
  interval: 'interval',
};

/** Compare type names the way the databases mean them (`int4` = `INTEGER`, `varchar(20)` = `text`). */
export function normaliseType(t: string): string {
  let text = t.toLowerCase().trim().replace(/\s+/g, ' ');
  // arrays: `text[]`, DuckDB's `VARCHAR[]`, PostgreSQL's internal `_text`
  if (text.endsWith('[]')) return `${normaliseType(text.slice(0, -2))}[]`;
  if (/^_[a-z0-9]+$/.test(text)) return `${normaliseType(text.slice(1))}[]`;
  text = text.replace(/\(.*\)$/, '').trim();
  return SYNONYMS[text] ?? text;
}

/**
 * Before building, check that the model's query yields exactly the declared columns with the declared
 * types; the error names every difference.
 */
export async function checkContract(inv: Invocation, node: ManifestNode, sql: string): Promise<void> {
  const declared = Object.values(node.columns);
  const probe = await inv.adapter.execute(`select * from (\n${sql}\n) as dbt_contract_probe limit 0`);
  const actual = new Map(probe.columns.map((c) => [c.name.toLowerCase(), c.dataType]));
  const problems: string[] = [];
  for (const col of declared) {
    const got = actual.get(col.name.toLowerCase());
    if (got === undefined) problems.push(`column '${col.name}' is declared but the query does not return it`);
    else if (!col.data_type)
      problems.push(
        `column '${col.name}' has no data_type (an enforced contract needs one for every column)`,
      );
    else if (normaliseType(col.data_type) !== normaliseType(got)) {
      problems.push(`column '${col.name}' is ${got} but the contract says ${col.data_type}`);
    }
  }
  const declaredNames = new Set(declared.map((c) => c.name.toLowerCase()));
  for (const [name, type] of actual) {
    if (!declaredNames.has(name))
      problems.push(`column '${name}' (${type}) is returned but not declared in the contract`);
  }
  if (problems.length) {
    throw new ContractError(`the contract of '${node.name}' is not met:\n  - ${problems.join('\n  - ')}`, {
      where: node.patch_path ?? node.original_file_path,
      hint: 'make the query return the declared columns, or update columns/data_type in the properties YAML',
    });
  }
}
