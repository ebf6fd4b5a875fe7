import type { Entity, PathStep, SchemaSet } from './schema-model';

/** Where a path step lands: the entity it reads and its alias position. */
export interface ResolvedStep {
  entity: Entity;
  /** How the step joins the previous one: `entity.left = previous.right`. */
  left: string;
  right: string;
  /** A one-to-many step (`from`): the base row may reach many rows. */
  many: boolean;
  where?: Record<string, string | number | boolean>;
}

/**
 * Resolve a view column's path from the base entity through foreign keys. `follow: col` walks a foreign key
 * of the current entity to the entity it references; `from: E, by: col` walks to the rows of E whose foreign
 * key `col` references the current entity.
 */
export function resolveViewPath(set: SchemaSet, base: Entity, path: PathStep[]): ResolvedStep[] | string {
  const out: ResolvedStep[] = [];
  let current = base;
  for (const [i, step] of path.entries()) {
    if ('follow' in step) {
      const fk = current.foreignKeys.find((f) => f.columns.length === 1 && f.columns[0] === step.follow);
      if (!fk) return `step ${i}: ${current.name} has no single-column foreign key on "${step.follow}"`;
      const target = set.entity(fk.references.entity);
      if (!target) return `step ${i}: unknown entity ${fk.references.entity}`;
      out.push({ entity: target, left: fk.references.columns[0], right: step.follow, many: false });
      current = target;
    } else {
      const target = set.entity(step.from);
      if (!target) return `step ${i}: unknown entity "${step.from}"`;
      const fk = target.foreignKeys.find(
        (f) => f.columns.length === 1 && f.columns[0] === step.by && f.references.entity === current.name,
      );
      if (!fk) return `step ${i}: ${target.name}.${step.by} is not a foreign key to ${current.name}`;
      for (const col of Object.keys(step.where ?? {})) {
        if (!target.columns.some((c) => c.name === col))
          return `step ${i}: ${target.name} has no column "${col}"`;
      }
      out.push({
        entity: target,
        left: step.by,
        right: fk.references.columns[0],
        many: true,
        where: step.where,
      });
      current = target;
    }
  }
  return out;
}
