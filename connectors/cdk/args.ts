import { ConnectorUsageError } from './errors';

/** The parsed command line of a connector: `<command> [--config F] [--catalog F] [--state F]`. */
export interface ConnectorArgs {
  command: string;
  config?: string;
  catalog?: string;
  state?: string;
  /** Flags the protocol does not define (e.g. `--debug`); accepted and ignored. */
  ignored: string[];
}

const VALUE_FLAGS = new Set(['config', 'catalog', 'state']);

/** Parse Airbyte's standard arguments. Unknown flags are kept aside, never fatal. */
export function parseConnectorArgs(argv: readonly string[]): ConnectorArgs {
  const out: ConnectorArgs = { command: '', ignored: [] };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a.startsWith('--')) {
      const eq = a.indexOf('=');
      const name = (eq > 0 ? a.slice(2, eq) : a.slice(2)).toLowerCase();
      if (!VALUE_FLAGS.has(name)) {
        out.ignored.push(a);
        continue;
      }
      let value: string | undefined;
      if (eq > 0) value = a.slice(eq + 1);
      else {
        value = argv[i + 1];
        if (value === undefined || value.startsWith('--'))
          throw new ConnectorUsageError(`--${name} needs a file path`, { where: 'command line' });
        i++;
      }
      (out as unknown as Record<string, string>)[name] = value;
    } else if (!out.command) {
      out.command = a;
    } else {
      out.ignored.push(a);
    }
  }
  return out;
}

/** The value of a required flag, or a usage error naming it. */
export function requireFlag(args: ConnectorArgs, flag: 'config' | 'catalog' | 'state'): string {
  const v = args[flag];
  if (!v)
    throw new ConnectorUsageError(`'${args.command}' needs --${flag} <file>`, { where: 'command line' });
  return v;
}
