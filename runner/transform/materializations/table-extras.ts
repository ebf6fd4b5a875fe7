import type { Relation } from '../adapters/adapter';
import type { NodeConfig } from './materialization';
import { MaterializationError } from './materialization-error';
import type { SqlDialect } from './plan';

/** dbt-postgres's `indexes` config entry. */
export interface IndexConfig {
  columns: string[];
  unique?: boolean;
  type?: string;
}

function indexesOf(config: NodeConfig): IndexConfig[] {
  const value = config.indexes;
  if (value == null) return [];
  if (!Array.isArray(value))
    throw new MaterializationError(
      'Compilation Error',
      '`indexes` must be a list of {columns, unique, type}',
    );
  return value.map((raw) => {
    const entry = raw as Partial<IndexConfig>;
    const columns = Array.isArray(entry.columns) ? entry.columns.map(String) : [];
    if (!columns.length)
      throw new MaterializationError('Compilation Error', 'every entry of `indexes` needs `columns`');
    return { columns, unique: Boolean(entry.unique), type: entry.type ? String(entry.type) : undefined };
  });
}

/**
 * `CREATE [UNIQUE] INDEX ON <relation> [USING type] (...)` for each configured index, on engines that keep
 * indexes through a rename (PostgreSQL). The engine names them, so an old copy never collides.
 */
export function indexSql(dialect: SqlDialect, relation: Relation, config: NodeConfig): string[] {
  if (!dialect.capabilities.supportsIndexes) return [];
  return indexesOf(config).map((index) => {
    const using = index.type ? ` USING ${index.type.replace(/[^A-Za-z0-9_]/g, '')}` : '';
    const cols = index.columns.map((c) => dialect.quote(c)).join(', ');
    return `CREATE ${index.unique ? 'UNIQUE ' : ''}INDEX ON ${dialect.render(relation)}${using} (${cols})`;
  });
}

/** dbt's `grants` config (`{select: ['reporter']}`) as GRANT statements, on engines with privileges. */
export function grantSql(dialect: SqlDialect, relation: Relation, config: NodeConfig): string[] {
  const grants = config.grants;
  if (!dialect.capabilities.supportsGrants || grants == null || typeof grants !== 'object') return [];
  return Object.entries(grants as Record<string, unknown>).flatMap(([privilege, grantees]) => {
    const list = (Array.isArray(grantees) ? grantees : [grantees]).map(String).filter(Boolean);
    if (!list.length) return [];
    const priv = privilege.toUpperCase().replace(/[^A-Z ]/g, '');
    return [
      `GRANT ${priv} ON ${dialect.render(relation)} TO ${list.map((g) => dialect.quote(g)).join(', ')}`,
    ];
  });
}
