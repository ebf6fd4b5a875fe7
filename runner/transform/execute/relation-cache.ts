import type { Adapter, Relation } from '../adapters/adapter';

/**
 * The relations of each schema, listed once per invocation (dbt's relation cache): "does this node's
 * relation exist" costs no query per node. Only a node itself creates or replaces its relation, so what
 * was listed at the start stays true for every node until it runs.
 */
export class RelationCache {
  private readonly schemas = new Map<string, Promise<Map<string, Relation>>>();

  constructor(private readonly adapter: Adapter) {}

  async get(schema: string, identifier: string): Promise<Relation | null> {
    let listed = this.schemas.get(schema);
    if (!listed) {
      listed = this.adapter.listRelations(schema).then((rels) => {
        const m = new Map<string, Relation>();
        for (const r of rels) m.set(r.identifier, r);
        return m;
      });
      this.schemas.set(schema, listed);
    }
    const m = await listed;
    const hit = m.get(identifier);
    if (hit) return hit;
    for (const [k, r] of m) if (k.toLowerCase() === identifier.toLowerCase()) return r;
    return null;
  }
}
