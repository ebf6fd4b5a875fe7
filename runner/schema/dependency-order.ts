import type { Entity, SchemaSet } from './schema-model';
import { SchemaDefinitionError } from './schema-errors';

/**
 * Tables in an order where every foreign key points at a table that comes earlier (self references
 * aside); ties keep the order of schema.json. A cycle is a schema error.
 */
export function dependencyOrder(set: SchemaSet): Entity[] {
  const tables = set.entities.filter((e) => e.kind === 'table');
  const done = new Set<string>();
  const visiting = new Set<string>();
  const out: Entity[] = [];
  const visit = (e: Entity, trail: string[]) => {
    if (done.has(e.name)) return;
    if (visiting.has(e.name)) {
      throw new SchemaDefinitionError([
        {
          file: e.file,
          pointer: '/x-foreign-keys',
          message: `foreign keys form a cycle: ${[...trail, e.name].join(' → ')}`,
        },
      ]);
    }
    visiting.add(e.name);
    for (const fk of e.foreignKeys) {
      const target = set.entity(fk.references.entity);
      if (target && target.name !== e.name) visit(target, [...trail, e.name]);
    }
    visiting.delete(e.name);
    done.add(e.name);
    out.push(e);
  };
  for (const t of tables) visit(t, []);
  return out;
}
