import type { Logger } from '../common/logger';

/** The same logger with info lines demoted to debug: warnings and errors only, under a live view. */
export function quietLogger(inner: Logger): Logger {
  return {
    debug: (m, f) => inner.debug(m, f),
    info: (m, f) => inner.debug(m, f),
    warn: (m, f) => inner.warn(m, f),
    error: (m, f) => inner.error(m, f),
    child: (scope) => quietLogger(inner.child(scope)),
    addSecret: (v) => inner.addSecret(v),
    redact: (t) => inner.redact(t),
  };
}
