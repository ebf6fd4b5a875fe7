import type { Column } from '../adapters/adapter';
import { MaterializationError } from './materialization-error';
import { isPlainIdentifier } from './strategies/strategy';

/** dbt's unique_key as a list: a string is one key, an empty string or list means none. */
export function normalizeUniqueKey(value: unknown): string[] {
  if (value == null) return [];
  const list = Array.isArray(value) ? value : [value];
  return list.map((k) => String(k).trim()).filter((k) => k.length > 0);
}

/**
 * Resolve each key column to the model's actual column name (case-insensitively), quoted; a key column the model
 * does not have is an error naming it. Keys written as expressions are kept as they are.
 */
export function resolveUniqueKey(keys: string[], columns: Column[], model: string): string[] {
  return keys.map((k) => {
    if (!isPlainIdentifier(k)) return k;
    const name = k.startsWith('"') ? k.slice(1, -1).replace(/""/g, '"') : k;
    const found =
      columns.find((c) => c.name === name) ??
      columns.find((c) => c.name.toLowerCase() === name.toLowerCase());
    if (!found)
      throw new MaterializationError(
        'Runtime Error',
        `unique_key column "${name}" does not exist in the result of ${model} (columns: ${columns.map((c) => c.name).join(', ')})`,
      );
    return `"${found.name.replace(/"/g, '""')}"`;
  });
}
