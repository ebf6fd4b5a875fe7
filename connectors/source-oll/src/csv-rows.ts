import type { Readable } from 'node:stream';
import { CsvError, parse } from 'csv-parse';
import { SystemError } from '../../cdk';

/**
 * The rows of a CSV with a header line, as objects keyed by the header exactly as written (trailing
 * spaces included). Columns with an empty header (spreadsheet spacer columns) carry no field name and
 * are skipped. Values stay strings. A malformed CSV is a SystemError naming the line.
 */
export async function* csvRows(
  input: Readable | string,
  where: string,
): AsyncIterable<Record<string, string>> {
  const parser = parse({
    bom: true,
    columns: (header: string[]) => header.map((h) => (h === '' ? false : h)),
    relax_column_count: false,
    skip_empty_lines: true,
  });
  if (typeof input === 'string') parser.end(input);
  else {
    input.on('error', (e) => parser.destroy(e));
    input.pipe(parser);
  }
  try {
    for await (const row of parser) yield row as Record<string, string>;
  } catch (e) {
    if (e instanceof CsvError) {
      throw new SystemError(`the CSV is malformed: ${e.message}`, { where, cause: e });
    }
    throw e;
  }
}
