import type { RunContext } from './connector-io';
import { readJsonFile } from './read-json-file';
import { secretValues } from './secrets';
import { validateConfig } from './validate-config';

/**
 * Read the `--config` file, register its secret values with the logger (before anything can print
 * them), and validate it against the spec with defaults applied.
 */
export function loadConfig<C>(
  spec: { connectionSpecification: Record<string, unknown> },
  file: string,
  ctx: Pick<RunContext, 'logger'>,
): C {
  const raw = readJsonFile(file, 'config');
  for (const s of secretValues(spec.connectionSpecification, raw)) ctx.logger.addSecret(s);
  return validateConfig<C>(spec.connectionSpecification, raw, file);
}
