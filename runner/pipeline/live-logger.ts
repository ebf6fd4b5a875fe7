import type { Logger } from '../common/logger';

/**
 * Under the live view: info lines demoted to debug, warnings and errors written through `write` (above
 * the bars), redacted as the logger would, with their scope.
 */
export function liveLogger(inner: Logger, write: (line: string) => void, scope = ''): Logger {
  const line = (level: string, m: string, f?: Record<string, unknown>) =>
    write(
      inner.redact(
        `${level} ${scope ? `[${scope}] ` : ''}${m}${f && Object.keys(f).length ? ' ' + JSON.stringify(f) : ''}`,
      ),
    );
  return {
    debug: (m, f) => inner.debug(m, f),
    info: (m, f) => inner.debug(m, f),
    warn: (m, f) => line('WARN', m, f),
    error: (m, f) => line('ERROR', m, f),
    child: (s) => liveLogger(inner.child(s), write, scope ? `${scope}:${s}` : s),
    addSecret: (v) => inner.addSecret(v),
    redact: (t) => inner.redact(t),
  };
}
