/**
 * The planner: per mart table, the build's keys and hashes against a target's delivered state, and the
 * groups of tables that are applied together (lookups first, so foreign keys resolve).
 */
import { TABLE_CREATION_ORDER } from '../../shared-schema';
import type { LakehouseConnection } from '../lakehouse/lakehouse-connection';
import { readKeyHashes, type KeyHash, type MartTable } from './mart-tables';
import { diffRows, type DeliveredRow, type TableDiff } from './row-diff';

export interface TablePlan {
  table: MartTable;
  build: Map<string, KeyHash>;
  delivered: Map<string, DeliveredRow>;
  diff: TableDiff;
}

export type TableGroup = 'lookups' | 'resources' | 'feeds';

const RESOURCE_START = TABLE_CREATION_ORDER.indexOf('learning_resource');

/** Which transaction a table belongs to: a resource travels with its runs, details and relations. */
export function tableGroup(name: string): TableGroup {
  if (name.startsWith('feed_')) return 'feeds';
  const i = (TABLE_CREATION_ORDER as readonly string[]).indexOf(name);
  return i >= 0 && i < RESOURCE_START ? 'lookups' : 'resources';
}

export const GROUP_ORDER: TableGroup[] = ['lookups', 'resources', 'feeds'];

export async function planTables(
  lakehouse: LakehouseConnection,
  martsSchema: string,
  tables: MartTable[],
  loadDelivered: (table: string) => Promise<Map<string, DeliveredRow>>,
): Promise<TablePlan[]> {
  const out: TablePlan[] = [];
  for (const table of tables) {
    const build = await readKeyHashes(lakehouse, martsSchema, table);
    const delivered = await loadDelivered(table.name);
    out.push({ table, build, delivered, diff: diffRows(build, delivered) });
  }
  return out;
}
