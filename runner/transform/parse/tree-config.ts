import { ConfigError } from '../../common/errors';
import { CONFIG_KEYS, checkConfigKey, normaliseConfigKey } from '../project/config-keys';
import { isRecord } from '../project/read-yaml-file';
import { mergeConfig } from '../project/merge-config';

/**
 * A `models:` / `seeds:` / `snapshots:` / `data_tests:` / `sources:` tree of dbt_project.yml. `+key` is
 * always a config; an unprefixed key is a config when it is a known config name or its value is not a
 * mapping, otherwise it names a package, folder or node. Every config key is checked once, up front.
 */
export class TreeConfig {
  constructor(
    private readonly tree: Record<string, unknown>,
    private readonly resourceType: string,
    where: string,
  ) {
    this.validate(tree, where);
  }

  /** The merged config for a node whose fqn is `[package, ...folders, name]`, least specific first. */
  resolve(fqn: string[]): Record<string, unknown> {
    let config: Record<string, unknown> = {};
    let level: Record<string, unknown> | undefined = this.tree;
    for (let depth = 0; level; depth++) {
      const here = this.configsAt(level);
      for (const _ in here) {
        config = mergeConfig(config, here);
        break;
      }
      if (depth >= fqn.length) break;
      const next: unknown = level[fqn[depth]];
      level = isRecord(next) && !this.isConfigKey(fqn[depth], next) ? next : undefined;
    }
    return config;
  }

  private readonly levelConfigs = new WeakMap<object, Record<string, unknown>>();

  private configsAt(level: Record<string, unknown>): Record<string, unknown> {
    const hit = this.levelConfigs.get(level);
    if (hit) return hit;
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(level)) if (this.isConfigKey(k, v)) out[normaliseConfigKey(k)] = v;
    this.levelConfigs.set(level, out);
    return out;
  }

  private isConfigKey(key: string, value: unknown): boolean {
    if (key.startsWith('+')) return true;
    const known = CONFIG_KEYS[this.resourceType] ?? CONFIG_KEYS.model;
    return known.has(normaliseConfigKey(key)) || !isRecord(value);
  }

  private validate(level: Record<string, unknown>, where: string): void {
    for (const [k, v] of Object.entries(level)) {
      if (this.isConfigKey(k, v)) {
        if (
          k.startsWith('+') ||
          !isRecord(v) ||
          !(CONFIG_KEYS[this.resourceType] ?? CONFIG_KEYS.model).has(normaliseConfigKey(k))
        ) {
          checkConfigKey(this.resourceType, normaliseConfigKey(k), `${where}.${k}`);
        }
      } else if (isRecord(v)) this.validate(v, `${where}.${k}`);
      else throw new ConfigError(`cannot read '${k}'`, { where: `${where}.${k}` });
    }
  }
}
