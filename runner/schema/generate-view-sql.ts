import type { Column, ColumnType, Entity, JsonObject, PathStep, SchemaSet } from './schema-model';
import { resolveViewPath, type ResolvedStep } from './resolve-view-path';
import { ident, literal } from './sql-names';

const BASE = 'r';

function isTextual(t: ColumnType): boolean {
  return t.kind === 'text' || t.kind === 'varchar' || t.kind === 'char';
}

/** A column value as text: ISO-8601 UTC for timestamps, true/false for booleans. */
function asText(expr: string, t: ColumnType): string {
  if (t.kind === 'timestamptz') return `to_char(${expr} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"')`;
  if (t.kind === 'date') return `to_char(${expr}, 'YYYY-MM-DD')`;
  if (t.kind === 'boolean') return `CASE WHEN ${expr} THEN 'true' WHEN NOT ${expr} THEN 'false' END`;
  if (isTextual(t)) return expr;
  return `${expr}::text`;
}

function columnType(e: Entity, name: string): ColumnType {
  const c = e.columns.find((x) => x.name === name);
  if (!c) throw new Error(`${e.name} has no column ${name}`);
  return c.type;
}

function whereValue(v: string | number | boolean): string {
  return typeof v === 'string' ? literal(v) : String(v);
}

/** FROM/JOIN/WHERE of a correlated subquery that walks the path from the base row. */
function pathClause(steps: ResolvedStep[]): { from: string; where: string[] } {
  const joins: string[] = [];
  const where: string[] = [];
  steps.forEach((s, i) => {
    const alias = `s${i}`;
    const prev = i === 0 ? BASE : `s${i - 1}`;
    const on = `${alias}.${ident(s.left)} = ${prev}.${ident(s.right)}`;
    if (i === 0) {
      joins.push(`${ident(s.entity.name)} AS ${alias}`);
      where.push(on);
    } else {
      joins.push(`JOIN ${ident(s.entity.name)} AS ${alias} ON ${on}`);
    }
    for (const [col, v] of Object.entries(s.where ?? {}))
      where.push(`${alias}.${ident(col)} = ${whereValue(v)}`);
  });
  return { from: joins.join(' '), where };
}

function columnExpression(set: SchemaSet, base: Entity, col: Column): string {
  const src = col.schema['x-source'] as JsonObject;
  const steps = src.path ? (resolveViewPath(set, base, src.path as PathStep[]) as ResolvedStep[]) : [];
  const at = steps.length ? steps[steps.length - 1].entity : base;
  const alias = steps.length ? `s${steps.length - 1}` : BASE;
  const wantText = isTextual(col.type);
  const names = src.column !== undefined ? [String(src.column)] : (src.columns as string[]);
  const agg = src.aggregate as
    | {
        separator: string;
        fieldSeparator?: string;
        distinct?: boolean;
        orderBy?: { step: number; column: string }[];
      }
    | undefined;

  const valueOf = (name: string, forRecord: boolean): string => {
    const t = columnType(at, name);
    let expr = `${alias}.${ident(name)}`;
    const fallbacks = (src.coalesce as string[] | undefined) ?? [];
    if (fallbacks.length)
      expr = `coalesce(${[expr, ...fallbacks.map((f) => `${alias}.${ident(f)}`)].join(', ')})`;
    if (forRecord) return `coalesce(${asText(expr, t)}, '')`;
    return wantText && !isTextual(t) ? asText(expr, t) : expr;
  };

  if (!agg) {
    const value = valueOf(names[0], false);
    if (!steps.length) return value;
    const { from, where } = pathClause(steps);
    return `(SELECT ${value} FROM ${from} WHERE ${where.join(' AND ')})`;
  }
  const value =
    names.length > 1
      ? names.map((n) => valueOf(n, true)).join(` || ${literal(agg.fieldSeparator ?? '|')} || `)
      : asText(valueOf(names[0], false), columnType(at, names[0]));
  const order = (agg.orderBy ?? []).map((o) => (agg.distinct ? value : `s${o.step}.${ident(o.column)}`));
  const orderSql = order.length ? ` ORDER BY ${[...new Set(order)].join(', ')}` : '';
  const { from, where } = pathClause(steps);
  return `(SELECT string_agg(${agg.distinct ? 'DISTINCT ' : ''}${value}, ${literal(agg.separator)}${orderSql}) FROM ${from} WHERE ${where.join(' AND ')})`;
}

/** `CREATE OR REPLACE VIEW` of a view entity over its base table, each column from its x-source. */
export function generateViewSql(set: SchemaSet, view: Entity): string {
  const base = set.entity(view.view!.base)!;
  const cols = view.columns.map((c) => `  ${columnExpression(set, base, c)} AS ${ident(c.name)}`);
  return `CREATE OR REPLACE VIEW ${ident(view.name)} AS\nSELECT\n${cols.join(',\n')}\nFROM ${ident(base.name)} AS ${BASE};\n`;
}
