import type { MaterializationInput } from './materialization';
import { defaultTempName, type TempNamer } from './temp-name';

/** The input's temp-name generator, or dbt's names sized to the engine's identifier limit. */
export function tempNamerOf(input: Pick<MaterializationInput, 'tempName' | 'adapter'>): TempNamer {
  return input.tempName ?? defaultTempName(input.adapter.capabilities.maxIdentifierLength ?? 63);
}
