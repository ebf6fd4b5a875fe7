import { LearnflowError } from '../common/errors';

/** One problem in a schema file: the file, a JSON pointer into it, and what is wrong. */
export interface SchemaIssue {
  file: string;
  pointer: string;
  message: string;
}

export function formatIssue(issue: SchemaIssue): string {
  return `${issue.file}#${issue.pointer}: ${issue.message}`;
}

/** The schema definition is invalid; every issue names its file and JSON pointer. */
export class SchemaDefinitionError extends LearnflowError {
  readonly issues: SchemaIssue[];

  constructor(issues: SchemaIssue[]) {
    const lines = issues.map((i) => `  ${formatIssue(i)}`).join('\n');
    super(
      `invalid schema definition (${issues.length} problem${issues.length === 1 ? '' : 's'}):\n${lines}`,
      {
        where: issues[0] ? `${issues[0].file}#${issues[0].pointer}` : undefined,
        hint: 'fix the schema files, then re-run learnflow schema generate',
      },
    );
    this.issues = issues;
  }
}

/** Generated files differ from what the schema produces. */
export class StaleGeneratedFilesError extends LearnflowError {
  readonly files: string[];

  constructor(files: string[]) {
    super(`generated files are stale: ${files.join(', ')}`, {
      hint: 'run learnflow schema generate and commit the result',
    });
    this.files = files;
  }
}

/** Records that do not match their entity schema; every failing field is listed. */
export class RecordValidationError extends LearnflowError {}

/** JSON pointer segment escaping (RFC 6901). */
export function pointer(...segments: (string | number)[]): string {
  return segments.map((s) => '/' + String(s).replace(/~/g, '~0').replace(/\//g, '~1')).join('');
}
