/**
 * `${NAME}` and `${NAME:-default}` in string values are replaced by environment variables. Every value
 * that came from the environment is reported as a secret, so it never reaches a log line. An unset
 * variable only fails the command that uses its field (see `requireEnv`).
 */
import { ConfigError } from '../common/errors';

const PATTERN = /\$\{([A-Za-z_][A-Za-z0-9_]*)(?::-([^}]*))?\}/g;

export interface MissingEnv {
  /** The field, e.g. `connections.edx.source.config.client_secret`. */
  path: string;
  name: string;
}

export interface Interpolated<T> {
  value: T;
  secrets: string[];
  /** References to unset variables without a default: left as written, reported when the field is used. */
  missing: MissingEnv[];
}

export function interpolateEnv<T>(value: T, env: NodeJS.ProcessEnv): Interpolated<T> {
  const secrets: string[] = [];
  const missing: MissingEnv[] = [];
  const walk = (v: unknown, at: string): unknown => {
    if (typeof v === 'string') {
      if (!v.includes('${')) return v;
      return v.replace(PATTERN, (m, name: string, fallback: string | undefined) => {
        const found = env[name];
        if (found !== undefined && found !== '') {
          secrets.push(found);
          return found;
        }
        if (fallback !== undefined) return fallback;
        missing.push({ path: at, name });
        return m;
      });
    }
    if (Array.isArray(v)) return v.map((x, i) => walk(x, `${at}[${i}]`));
    if (v && typeof v === 'object') {
      const out: Record<string, unknown> = {};
      for (const [k, x] of Object.entries(v)) out[k] = walk(x, at ? `${at}.${k}` : k);
      return out;
    }
    return v;
  };
  return { value: walk(value, '') as T, secrets, missing };
}

/** Fail when a field under one of `prefixes` (e.g. `connections.edx`, `lakehouse`) needs an unset variable. */
export function requireEnv(missing: MissingEnv[], prefixes: string[], file: string): void {
  const hit = missing.find((m) =>
    prefixes.some((p) => m.path === p || m.path.startsWith(`${p}.`) || m.path.startsWith(`${p}[`)),
  );
  if (hit)
    throw new ConfigError(`environment variable ${hit.name} is not set`, {
      where: `${file}: ${hit.path}`,
      hint: `export ${hit.name}=... before running, or write \${${hit.name}:-default} in the file`,
    });
}
