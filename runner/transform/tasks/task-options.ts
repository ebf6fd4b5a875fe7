import type { Logger } from '../../common/logger';

/** The flags every `learnflow transform` command accepts, parsed. */
export interface TaskOptions {
  projectDir: string;
  profilesDir?: string;
  target?: string;
  /** `--vars` as given (a YAML or JSON mapping). */
  vars?: string;
  threads?: number;
  fullRefresh: boolean;
  failFast: boolean;
  select: string[];
  exclude: string[];
  selector?: string;
  state?: string;
  env: NodeJS.ProcessEnv;
  logger: Logger;
  out: (text: string) => void;
  /** Extra flags of one command (`resourceType`, `output`, `inline`, `limit`...). */
  extra: Record<string, unknown>;
}
