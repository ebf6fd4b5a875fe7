import type { ManifestNode } from './manifest-types';
import { normaliseHooks } from './node-defaults';

/** Coerce config values to their canonical shapes and copy tags / contract to the node. */
export function finaliseConfig(node: ManifestNode): void {
  const c = node.config;
  c.pre_hook = normaliseHooks(c.pre_hook);
  c.post_hook = normaliseHooks(c.post_hook);
  if (typeof c.tags === 'string') c.tags = [c.tags];
  node.tags = [...(c.tags ?? [])];
  if (c.contract && typeof c.contract === 'object') {
    node.contract = { enforced: Boolean(c.contract.enforced), alias_types: true, checksum: null };
  }
  if (typeof c.severity === 'string') c.severity = c.severity.toUpperCase();
  if (typeof c.materialized === 'string') c.materialized = c.materialized.trim();
}
