import { LearnflowError } from '../common/errors';

/** A delivery that failed: `where` names the target and table or index; `hint` says how to re-run. */
export class DeliveryError extends LearnflowError {}

/** A delivery stopped because it would remove too much of a source's catalog (a truncated build?). */
export class MassDeleteError extends DeliveryError {}
