import { LearnflowError, type LearnflowErrorOptions } from '../../common/errors';

/**
 * A model that cannot be materialized as configured (a bad strategy, a missing key column, schemas out of
 * sync). `kind` follows dbt's wording: the message starts with "Compilation Error" or "Runtime Error".
 */
export class MaterializationError extends LearnflowError {
  readonly kind: 'Compilation Error' | 'Runtime Error';

  constructor(
    kind: 'Compilation Error' | 'Runtime Error',
    message: string,
    options: LearnflowErrorOptions = {},
  ) {
    super(`${kind}: ${message}`, options);
    this.kind = kind;
  }
}
