/** One function per `learnflow transform` command. */
export { parseTask } from './parse-task';
export { compileTask } from './compile-task';
export { executeNodes } from './execute-nodes';
export { lsTask } from './ls-task';
export { showTask } from './show-task';
export { freshnessTask } from './freshness-task';
export { docsGenerateTask } from './docs-generate-task';
export { retryTask } from './retry-task';
export { cleanTask } from './clean-task';
export { debugTask } from './debug-task';
export type { TaskOptions } from './task-options';
