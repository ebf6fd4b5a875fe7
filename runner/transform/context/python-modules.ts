/**
 * The parts of Python's `datetime` and `re` modules that dbt projects use through `modules.*`.
 */
import { kwargsOf, positionalOf } from './call-args';

const pad = (n: number, w = 2) => String(n).padStart(w, '0');

export interface PyDateTime {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
  microsecond: number;
  strftime(fmt: string): string;
  isoformat(sep?: string): string;
  date(): PyDateTime;
  replace(...args: unknown[]): PyDateTime;
  timestamp(): number;
  toString(): string;
  __str__(): string;
  __add__?: unknown;
}

/** A naive datetime in UTC, printed like Python's. */
export function pyDateTime(d: Date, dateOnly = false): PyDateTime {
  const iso = (sep = 'T') => {
    const date = `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
    if (dateOnly) return date;
    const ms = d.getUTCMilliseconds();
    return `${date}${sep}${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}${ms ? `.${pad(ms * 1000, 6)}` : ''}`;
  };
  const self: PyDateTime = {
    year: d.getUTCFullYear(),
    month: d.getUTCMonth() + 1,
    day: d.getUTCDate(),
    hour: d.getUTCHours(),
    minute: d.getUTCMinutes(),
    second: d.getUTCSeconds(),
    microsecond: d.getUTCMilliseconds() * 1000,
    strftime: (fmt) =>
      fmt.replace(/%([YmdHMSfjyBbAaIpzZ%])/g, (_, c: string) => {
        switch (c) {
          case 'Y':
            return String(d.getUTCFullYear());
          case 'y':
            return pad(d.getUTCFullYear() % 100);
          case 'm':
            return pad(d.getUTCMonth() + 1);
          case 'd':
            return pad(d.getUTCDate());
          case 'H':
            return pad(d.getUTCHours());
          case 'I':
            return pad(d.getUTCHours() % 12 || 12);
          case 'p':
            return d.getUTCHours() < 12 ? 'AM' : 'PM';
          case 'M':
            return pad(d.getUTCMinutes());
          case 'S':
            return pad(d.getUTCSeconds());
          case 'f':
            return pad(d.getUTCMilliseconds() * 1000, 6);
          case 'j': {
            const start = Date.UTC(d.getUTCFullYear(), 0, 1);
            return pad(Math.floor((d.getTime() - start) / 86400000) + 1, 3);
          }
          case 'B':
            return d.toLocaleString('en-US', { month: 'long', timeZone: 'UTC' });
          case 'b':
            return d.toLocaleString('en-US', { month: 'short', timeZone: 'UTC' });
          case 'A':
            return d.toLocaleString('en-US', { weekday: 'long', timeZone: 'UTC' });
          case 'a':
            return d.toLocaleString('en-US', { weekday: 'short', timeZone: 'UTC' });
          case 'z':
            return '';
          case 'Z':
            return '';
          default:
            return '%';
        }
      }),
    isoformat: (sep) => iso(sep ?? 'T'),
    date: () => pyDateTime(new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate())), true),
    replace: (...args) => {
      const kw = kwargsOf(args);
      const n = new Date(d.getTime());
      if (kw.year !== undefined) n.setUTCFullYear(Number(kw.year));
      if (kw.month !== undefined) n.setUTCMonth(Number(kw.month) - 1);
      if (kw.day !== undefined) n.setUTCDate(Number(kw.day));
      if (kw.hour !== undefined) n.setUTCHours(Number(kw.hour));
      if (kw.minute !== undefined) n.setUTCMinutes(Number(kw.minute));
      if (kw.second !== undefined) n.setUTCSeconds(Number(kw.second));
      if (kw.microsecond !== undefined) n.setUTCMilliseconds(Math.floor(Number(kw.microsecond) / 1000));
      return pyDateTime(n, dateOnly);
    },
    timestamp: () => d.getTime() / 1000,
    toString: () => iso(' '),
    __str__: () => iso(' '),
  };
  return self;
}

export interface PyTimedelta {
  days: number;
  seconds: number;
  total_seconds(): number;
  ms: number;
}

function timedelta(...args: unknown[]): PyTimedelta {
  const kw = kwargsOf(args);
  const pos = positionalOf(args);
  const num = (v: unknown) => (v === undefined ? 0 : Number(v));
  const ms =
    (num(pos[0] ?? kw.days) * 86400 +
      num(pos[1] ?? kw.seconds) +
      num(kw.minutes) * 60 +
      num(kw.hours) * 3600 +
      num(kw.weeks) * 604800) *
      1000 +
    num(kw.milliseconds) +
    num(kw.microseconds) / 1000;
  return {
    days: Math.floor(ms / 86400000),
    seconds: Math.floor((ms % 86400000) / 1000),
    total_seconds: () => ms / 1000,
    ms,
  };
}

/** `modules` of dbt's context: datetime, re, pytz (UTC only), itertools (a few helpers). */
export function pythonModules(now: () => Date) {
  const datetimeClass = Object.assign(
    (...args: unknown[]) => {
      const p = positionalOf(args).map(Number);
      return pyDateTime(
        new Date(Date.UTC(p[0], (p[1] ?? 1) - 1, p[2] ?? 1, p[3] ?? 0, p[4] ?? 0, p[5] ?? 0)),
      );
    },
    {
      now: () => pyDateTime(now()),
      utcnow: () => pyDateTime(now()),
      today: () => pyDateTime(now()),
      strptime: (text: string) =>
        pyDateTime(new Date(`${text.replace(' ', 'T')}${/[zZ+]/.test(text) ? '' : 'Z'}`)),
      fromisoformat: (text: string) =>
        pyDateTime(new Date(`${text.replace(' ', 'T')}${/[zZ+]/.test(text) ? '' : 'Z'}`)),
    },
  );
  const dateClass = Object.assign(
    (...args: unknown[]) => {
      const p = positionalOf(args).map(Number);
      return pyDateTime(new Date(Date.UTC(p[0], (p[1] ?? 1) - 1, p[2] ?? 1)), true);
    },
    {
      today: () => pyDateTime(now()).date(),
      fromisoformat: (text: string) => pyDateTime(new Date(`${text}T00:00:00Z`), true),
    },
  );
  const toRegex = (pattern: string, flags = '') => new RegExp(pattern.replace(/\(\?P</g, '(?<'), flags);
  const matchObject = (m: RegExpExecArray | null) =>
    m
      ? {
          group: (i: number | string = 0) => (typeof i === 'number' ? m[i] : m.groups?.[i]),
          groups: () => m.slice(1),
          start: () => m.index,
          end: () => m.index + m[0].length,
        }
      : null;
  const re = {
    IGNORECASE: 'i',
    I: 'i',
    MULTILINE: 'm',
    M: 'm',
    DOTALL: 's',
    S: 's',
    match: (p: string, s: string, f?: string) => {
      const m = toRegex(p, f).exec(String(s));
      return m && m.index === 0 ? matchObject(m) : null;
    },
    search: (p: string, s: string, f?: string) => matchObject(toRegex(p, f).exec(String(s))),
    fullmatch: (p: string, s: string, f?: string) => matchObject(toRegex(`^(?:${p})$`, f).exec(String(s))),
    findall: (p: string, s: string, f?: string) =>
      [...String(s).matchAll(toRegex(p, `g${f ?? ''}`))].map((m) =>
        m.length > 2 ? m.slice(1) : (m[1] ?? m[0]),
      ),
    sub: (p: string, repl: string, s: string, ...rest: unknown[]) => {
      const f = positionalOf(rest)[1] as string | undefined;
      return String(s).replace(toRegex(p, `g${f ?? ''}`), String(repl).replace(/\\(\d)/g, '$$$1'));
    },
    split: (p: string, s: string) => String(s).split(toRegex(p)),
    escape: (s: string) => String(s).replace(/[.*+?^${}()|[\]\\]/g, '\\$&'),
    compile: (p: string, f?: string) => ({
      match: (s: string) => re.match(p, s, f),
      search: (s: string) => re.search(p, s, f),
      findall: (s: string) => re.findall(p, s, f),
      sub: (repl: string, s: string) => re.sub(p, repl, s, f),
      pattern: p,
    }),
  };
  return {
    datetime: { datetime: datetimeClass, date: dateClass, timedelta, timezone: { utc: 'UTC' } },
    pytz: { utc: 'UTC', timezone: (name: string) => name },
    re,
    itertools: {
      chain: (...lists: unknown[][]) => positionalOf(lists).flatMap((l) => l as unknown[]),
      product: (a: unknown[], b: unknown[]) => a.flatMap((x) => b.map((y) => [x, y])),
    },
  };
}
