import type { JsonObject } from './schema-model';

export interface ResolvedProperty {
  /** The property schema with local `$ref`s and a `[X, null]` anyOf folded in (siblings win). */
  schema: JsonObject;
  nullable: boolean;
  /** JSON types other than null. */
  types: string[];
}

function asObject(v: unknown): JsonObject | undefined {
  return v && typeof v === 'object' && !Array.isArray(v) ? (v as JsonObject) : undefined;
}

/** Follow a local reference `#/$defs/name` inside the document. */
export function resolveLocalRef(root: JsonObject, ref: string): JsonObject | undefined {
  if (!ref.startsWith('#/')) return undefined;
  let node: unknown = root;
  for (const raw of ref.slice(2).split('/')) {
    const seg = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    node = asObject(node)?.[seg];
    if (node === undefined) return undefined;
  }
  return asObject(node);
}

/**
 * Resolve one property schema: inline a local `$ref`, fold `anyOf: [X, {type: null}]` into X made nullable,
 * and report the non-null JSON types. Throws on a reference it cannot follow.
 */
export function resolveProperty(root: JsonObject, prop: JsonObject, depth = 0): ResolvedProperty {
  if (depth > 20) throw new Error('reference cycle');
  let schema: JsonObject = { ...prop };
  let nullable = false;
  if (typeof schema.$ref === 'string') {
    const target = resolveLocalRef(root, schema.$ref);
    if (!target) throw new Error(`cannot resolve $ref ${schema.$ref}`);
    const inner = resolveProperty(root, target, depth + 1);
    const { $ref: _ref, ...siblings } = schema;
    schema = { ...inner.schema, ...siblings };
    nullable = inner.nullable;
  }
  if (Array.isArray(schema.anyOf)) {
    const branches = schema.anyOf.map((b) => asObject(b) ?? {});
    const nonNull = branches.filter((b) => b.type !== 'null');
    if (nonNull.length === 1 && branches.length === 2) {
      const inner = resolveProperty(root, nonNull[0], depth + 1);
      const { anyOf: _anyOf, ...siblings } = schema;
      schema = { ...inner.schema, ...siblings };
      nullable = true;
    }
  }
  const rawTypes = Array.isArray(schema.type)
    ? schema.type.map(String)
    : schema.type
      ? [String(schema.type)]
      : [];
  if (rawTypes.includes('null')) nullable = true;
  if (Array.isArray(schema.enum) && schema.enum.includes(null)) nullable = true;
  return { schema, nullable, types: rawTypes.filter((t) => t !== 'null') };
}

/** The item schema of an array property, resolved. */
export function resolveItems(root: JsonObject, schema: JsonObject): ResolvedProperty | undefined {
  const items = asObject(schema.items);
  return items ? resolveProperty(root, items) : undefined;
}

export { asObject };
