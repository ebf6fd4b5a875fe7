/**
 * One logger, passed in (never global). Writes human lines to stderr and redacts every registered
 * secret value from everything it writes.
 */
export type Level = 'debug' | 'info' | 'warn' | 'error';
const ORDER: Record<Level, number> = { debug: 10, info: 20, warn: 30, error: 40 };

export interface Logger {
  debug(msg: string, fields?: Record<string, unknown>): void;
  info(msg: string, fields?: Record<string, unknown>): void;
  warn(msg: string, fields?: Record<string, unknown>): void;
  error(msg: string, fields?: Record<string, unknown>): void;
  /** A logger whose lines carry a scope, e.g. `transform` or `sync:mitxonline`. */
  child(scope: string): Logger;
  /** Never print this value; it is replaced by `**********` wherever it appears. */
  addSecret(value: string): void;
  redact(text: string): string;
}

export interface LoggerOptions {
  level?: Level;
  write?: (line: string) => void;
  json?: boolean;
  scope?: string;
}

export function createLogger(options: LoggerOptions = {}): Logger {
  const secrets = new Set<string>();
  return makeLogger(options, secrets);
}

function makeLogger(options: LoggerOptions, secrets: Set<string>): Logger {
  const level = options.level ?? ((process.env.LEARNFLOW_LOG_LEVEL as Level | undefined) || 'info');
  const write = options.write ?? ((line: string) => process.stderr.write(line + '\n'));
  const redact = (text: string): string => {
    let out = text;
    for (const s of secrets) if (s) out = out.split(s).join('**********');
    return out;
  };
  const log = (lvl: Level, msg: string, fields?: Record<string, unknown>) => {
    if (ORDER[lvl] < (ORDER[level] ?? 20)) return;
    if (options.json) {
      write(
        redact(
          JSON.stringify({ level: lvl, scope: options.scope, msg, ...fields, ts: new Date().toISOString() }),
        ),
      );
      return;
    }
    const scope = options.scope ? `[${options.scope}] ` : '';
    const extra = fields && Object.keys(fields).length ? ' ' + JSON.stringify(fields) : '';
    write(redact(`${lvl === 'info' ? '' : lvl.toUpperCase() + ' '}${scope}${msg}${extra}`));
  };
  return {
    debug: (m, f) => log('debug', m, f),
    info: (m, f) => log('info', m, f),
    warn: (m, f) => log('warn', m, f),
    error: (m, f) => log('error', m, f),
    child: (scope) =>
      makeLogger({ ...options, level, scope: options.scope ? `${options.scope}:${scope}` : scope }, secrets),
    addSecret: (v) => {
      if (v && v.length >= 3) secrets.add(v);
    },
    redact,
  };
}

/** A logger that keeps its lines in memory (for tests). */
export function memoryLogger(level: Level = 'debug'): Logger & { lines: string[] } {
  const lines: string[] = [];
  const logger = createLogger({ level, write: (l) => lines.push(l) });
  return Object.assign(logger, { lines });
}
