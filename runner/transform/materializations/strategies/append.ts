import { insertFromTemp, type StrategyPlanner } from './strategy';

/** append: insert every new row. */
export const planAppend: StrategyPlanner = (dialect, input) => [insertFromTemp(dialect, input)];
