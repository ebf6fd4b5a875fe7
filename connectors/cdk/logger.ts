/**
 * The connector logger: human lines on stderr (stdout carries only protocol messages), with every
 * `airbyte_secret` value of the config redacted.
 */
export type ConnectorLogLevel = 'debug' | 'info' | 'warn' | 'error';
const ORDER: Record<ConnectorLogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40 };

export interface ConnectorLogger {
  debug(msg: string): void;
  info(msg: string): void;
  warn(msg: string): void;
  error(msg: string): void;
  /** Register a secret value; it is replaced by `**********` in everything logged afterwards. */
  addSecret(value: string): void;
  redact(text: string): string;
}

export function createConnectorLogger(
  options: { level?: ConnectorLogLevel; write?: (line: string) => void; name?: string } = {},
): ConnectorLogger {
  const secrets = new Set<string>();
  const level =
    options.level ?? ((process.env.LOG_LEVEL?.toLowerCase() as ConnectorLogLevel | undefined) || 'info');
  const write = options.write ?? ((line: string) => process.stderr.write(line + '\n'));
  const redact = (text: string): string => {
    let out = text;
    for (const s of secrets) out = out.split(s).join('**********');
    return out;
  };
  const log = (lvl: ConnectorLogLevel, msg: string) => {
    if (ORDER[lvl] < (ORDER[level] ?? 20)) return;
    const prefix = options.name ? `${options.name} ` : '';
    write(redact(`${new Date().toISOString()} ${lvl.toUpperCase()} ${prefix}${msg}`));
  };
  return {
    debug: (m) => log('debug', m),
    info: (m) => log('info', m),
    warn: (m) => log('warn', m),
    error: (m) => log('error', m),
    addSecret: (v) => {
      if (typeof v === 'string' && v.length >= 3) secrets.add(v);
    },
    redact,
  };
}
