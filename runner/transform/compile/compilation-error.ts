import { LearnflowError } from '../../common/errors';

/** A problem in a project's SQL, Jinja or YAML; `where` names the file (and line and column when known). */
export class CompilationError extends LearnflowError {
  constructor(message: string, options: ConstructorParameters<typeof LearnflowError>[1] = {}) {
    super(`Compilation Error: ${message}`, options);
  }
}
