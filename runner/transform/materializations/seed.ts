import fs from 'node:fs';
import { parse } from 'csv-parse/sync';
import type { Column, Relation } from '../adapters/adapter';
import type { Materialization, MaterializationInput, NodeConfig } from './materialization';
import { MaterializationError } from './materialization-error';
import type { Plan, SqlDialect } from './plan';
import { columnList, dropRelationSql } from './relation-sql';
import { inferSeedColumns, seedValue } from './seed-types';
import { fetchSwapFacts, planSwap, type SwapFacts } from './swap';
import { withHooks } from './with-hooks';
import { grantSql } from './table-extras';
import { tempNamerOf } from './temp-namer-of';
import { runPlan } from './run-plan';

export { inferSeedColumns } from './seed-types';

/** A seed CSV: its header and rows, empty and `null` fields as NULL. */
export function parseSeedCsv(
  text: string,
  delimiter = ',',
  where?: string,
): { header: string[]; rows: (string | null)[][] } {
  let records: string[][];
  try {
    records = parse(text, { delimiter, bom: true, skip_empty_lines: true }) as string[][];
  } catch (e) {
    throw new MaterializationError(
      'Compilation Error',
      `the seed file cannot be read as CSV: ${(e as Error).message}`,
      {
        where,
        cause: e,
      },
    );
  }
  const [header, ...rest] = records;
  if (!header || !header.length)
    throw new MaterializationError('Compilation Error', 'the seed file has no header row', { where });
  return { header: header.map((h) => h.trim()), rows: rest.map((r) => r.map(seedValue)) };
}

/** Seed column names: as in the header when quoted (dbt's default), lower-cased when quote_columns is false. */
export function seedColumnNames(header: string[], config: NodeConfig): string[] {
  return config.quote_columns === false ? header.map((h) => h.toLowerCase()) : header;
}

export interface SeedFacts extends SwapFacts {
  columns: Column[];
  existingColumns: Column[];
  fullRefresh: boolean;
}

/** Before loading: a fresh, typed scratch table. */
export function planSeedCreate(dialect: SqlDialect, facts: SeedFacts): Plan {
  const cols = facts.columns.map((c) => `${dialect.quote(c.name)} ${c.dataType}`).join(',\n  ');
  return [
    ...(facts.stale.length
      ? [{ label: 'drop leftovers', sql: facts.stale.map((r) => dropRelationSql(dialect, r)) }]
      : []),
    { label: 'build', sql: [`CREATE TABLE ${dialect.render(facts.intermediate)} (\n  ${cols}\n)`] },
  ];
}

/**
 * After loading: when the table exists with the same columns and types (and no full refresh), replace its
 * rows in one transaction so views on it survive; otherwise swap the new table in.
 */
export function planSeedFinish(
  dialect: SqlDialect,
  facts: SeedFacts,
  loadedColumns: Column[],
  config: NodeConfig = { materialized: 'seed' },
): Plan {
  const grants = grantSql(dialect, facts.target, config);
  const same =
    facts.existing?.type === 'table' &&
    !facts.fullRefresh &&
    facts.existingColumns.length === loadedColumns.length &&
    facts.existingColumns.every(
      (c, i) =>
        c.name.toLowerCase() === loadedColumns[i].name.toLowerCase() &&
        c.dataType.toLowerCase() === loadedColumns[i].dataType.toLowerCase(),
    );
  if (!same) return planSwap(dialect, facts, [], 'table', grants).filter((s) => s.label !== 'drop leftovers');
  const target = dialect.render(facts.target);
  const cols = columnList(
    dialect,
    facts.existingColumns.map((c) => c.name),
  );
  return [
    {
      label: 'replace rows',
      sql: [
        `DELETE FROM ${target}`,
        `INSERT INTO ${target} (${cols})\nSELECT ${cols}\nFROM ${dialect.render(facts.intermediate)}`,
        ...grants,
      ],
      transactional: true,
    },
    {
      label: 'drop loaded',
      sql: [dropRelationSql(dialect, { ...facts.intermediate, type: 'table' })],
      always: true,
    },
  ];
}

/** Both halves with the load between them, for the golden files. */
export function planSeed(dialect: SqlDialect, facts: SeedFacts, rowCount: number): Plan {
  return [
    ...planSeedCreate(dialect, facts),
    { label: `load ${rowCount} rows into ${dialect.render(facts.intermediate)}`, sql: [] },
    ...planSeedFinish(dialect, facts, facts.columns),
  ];
}

function readSeed(input: MaterializationInput): string {
  if (input.seed?.csv !== undefined) return input.seed.csv;
  if (!input.seed?.path)
    throw new MaterializationError('Compilation Error', `seed ${input.name} has no CSV file`, {
      where: input.uniqueId,
    });
  return fs.readFileSync(input.seed.path, 'utf8');
}

export const seed: Materialization = async (input) => {
  const { adapter, config } = input;
  await adapter.createSchema(input.relation.schema);
  const { header, rows } = parseSeedCsv(readSeed(input), config.delimiter ?? ',', input.seed?.path);
  const names = seedColumnNames(header, config);
  const columns = inferSeedColumns(names, rows, adapter.capabilities, config.column_types);
  const swap = await fetchSwapFacts(adapter, input.relation, input.existing, tempNamerOf(input));
  const facts: SeedFacts = {
    ...swap,
    columns,
    existingColumns: input.existing
      ? input.existingColumns.length
        ? input.existingColumns
        : await adapter.getColumns(input.existing)
      : [],
    fullRefresh: config.full_refresh ?? input.fullRefresh,
  };
  const run = await runPlan(adapter, withHooks({ preHooks: input.preHooks }, planSeedCreate(adapter, facts)));
  let loaded: Column[];
  try {
    await adapter.loadRows(facts.intermediate as Relation, columns, rows);
    loaded = await adapter.getColumns(facts.intermediate);
  } catch (e) {
    await adapter
      .execute(dropRelationSql(adapter, { ...facts.intermediate, type: 'table' }))
      .catch(() => undefined);
    throw e;
  }
  await runPlan(
    adapter,
    withHooks({ postHooks: input.postHooks }, planSeedFinish(adapter, facts, loaded, config)),
    run,
  );
  return {
    status: 'success',
    message: `INSERT ${rows.length}`,
    rowsAffected: rows.length,
    executed: run.executed,
  };
};
