/**
 * `modules.datetime` (and `modules.pytz`) for templates: datetime, date, timedelta and timezone.utc with
 * the arithmetic, `strftime`/`strptime`, `isoformat` and printing that dbt macros use. Naive datetimes
 * hold wall-clock fields; aware ones also carry a zone (UTC, a fixed offset, or an IANA zone through Intl).
 */
import { bindArgs, splitArgs } from './call-args';
import { internal, internalClass, type AnyFn } from './internal-functions';

const US_PER_MS = 1000;
const US_PER_S = 1_000_000;
const US_PER_DAY = 86_400 * US_PER_S;
const DAYS = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];
const MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];

const p2 = (n: number) => String(n).padStart(2, '0');
const p3 = (n: number) => String(n).padStart(3, '0');
const p4 = (n: number) => String(n).padStart(4, '0');
const p6 = (n: number) => String(n).padStart(6, '0');

function formatOffset(offsetUs: number, colon: boolean): string {
  const sign = offsetUs < 0 ? '-' : '+';
  const mins = Math.round(Math.abs(offsetUs) / (60 * US_PER_S));
  return `${sign}${p2(Math.floor(mins / 60))}${colon ? ':' : ''}${p2(mins % 60)}`;
}

/** A time zone: UTC, a fixed offset, or an IANA zone (offsets from the platform's time zone data). */
export class PyTimezone {
  private formatter?: Intl.DateTimeFormat;

  constructor(
    readonly name = 'UTC',
    /** Fixed offset in microseconds; null for IANA zones. */
    private readonly fixedUs: number | null = 0,
  ) {}

  /** The UTC offset (µs) in effect at a UTC instant (µs). */
  offsetAt(instantUs: number): number {
    if (this.fixedUs !== null) return this.fixedUs;
    this.formatter ??= new Intl.DateTimeFormat('en-US', {
      timeZone: this.name,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    const ms = Math.floor(instantUs / US_PER_MS / 1000) * 1000;
    const parts: Record<string, number> = {};
    for (const p of this.formatter.formatToParts(new Date(ms)))
      if (p.type !== 'literal') parts[p.type] = Number(p.value);
    const wall = Date.UTC(parts.year, parts.month - 1, parts.day, parts.hour, parts.minute, parts.second);
    return (wall - ms) * US_PER_MS;
  }

  /** The offset for a wall-clock time in this zone (µs). */
  offsetForWall(wallUs: number): number {
    const first = this.offsetAt(wallUs);
    return this.offsetAt(wallUs - first);
  }

  toString(): string {
    return this.name;
  }
  utcoffset(dt?: unknown): PyTimedelta {
    return new PyTimedelta(
      dt instanceof PyDateTime ? this.offsetForWall(dt.us) : this.offsetAt(Date.now() * US_PER_MS),
    );
  }
  tzname(): string {
    return this.name;
  }
  /** pytz's `tz.localize(naive)`: the same wall time, in this zone. */
  localize(dt: unknown): PyDateTime {
    if (!(dt instanceof PyDateTime)) throw new TypeError('localize() needs a datetime');
    return new PyDateTime(dt.us, this);
  }
}

/** A zone by name: `UTC`, `+02:00`/`-0530`, or an IANA name such as `America/New_York`. */
export function timezoneNamed(name: string): PyTimezone {
  if (/^(utc|etc\/utc|gmt|z|etc\/gmt)$/i.test(name)) return UTC;
  const m = /^([+-])(\d{2}):?(\d{2})$/.exec(name);
  if (m) {
    const us = (Number(m[2]) * 60 + Number(m[3])) * 60 * US_PER_S * (m[1] === '-' ? -1 : 1);
    return new PyTimezone(`UTC${formatOffset(us, true)}`, us);
  }
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: name });
  } catch {
    throw new RangeError(`unknown time zone '${name}'`);
  }
  return new PyTimezone(name, null);
}

export const UTC = new PyTimezone('UTC');

export class PyTimedelta {
  /** Total microseconds (may be negative). */
  constructor(readonly us: number) {}
  get days(): number {
    return Math.floor(this.us / US_PER_DAY);
  }
  get seconds(): number {
    return Math.floor((this.us - this.days * US_PER_DAY) / US_PER_S);
  }
  get microseconds(): number {
    return this.us - this.days * US_PER_DAY - this.seconds * US_PER_S;
  }
  total_seconds(): number {
    return this.us / US_PER_S;
  }
  valueOf(): number {
    return this.us;
  }
  __add__(o: unknown): unknown {
    if (o instanceof PyTimedelta) return new PyTimedelta(this.us + o.us);
    if (o instanceof PyDateTime || o instanceof PyDate) return o.__add__(this);
    throw new TypeError('unsupported operand for +: timedelta');
  }
  __sub__(o: unknown): PyTimedelta {
    if (o instanceof PyTimedelta) return new PyTimedelta(this.us - o.us);
    throw new TypeError('unsupported operand for -: timedelta');
  }
  __neg__(): PyTimedelta {
    return new PyTimedelta(-this.us);
  }
  __mul__(n: unknown): PyTimedelta {
    return new PyTimedelta(Math.round(this.us * Number(n)));
  }
  __truediv__(o: unknown): unknown {
    if (o instanceof PyTimedelta) return this.us / o.us;
    return new PyTimedelta(Math.round(this.us / Number(o)));
  }
  __eq__(o: unknown): boolean {
    return o instanceof PyTimedelta && o.us === this.us;
  }
  __bool__(): boolean {
    return this.us !== 0;
  }
  toString(): string {
    const d = this.days;
    const s = this.seconds;
    const us = this.microseconds;
    const time = `${Math.floor(s / 3600)}:${p2(Math.floor((s % 3600) / 60))}:${p2(s % 60)}${us ? '.' + p6(us) : ''}`;
    return d ? `${d} day${Math.abs(d) === 1 ? '' : 's'}, ${time}` : time;
  }
}

interface Fields {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
  microsecond: number;
}

function fieldsOf(us: number): Fields {
  const ms = Math.floor(us / US_PER_MS);
  const d = new Date(ms);
  return {
    year: d.getUTCFullYear(),
    month: d.getUTCMonth() + 1,
    day: d.getUTCDate(),
    hour: d.getUTCHours(),
    minute: d.getUTCMinutes(),
    second: d.getUTCSeconds(),
    microsecond: us - Math.floor(us / US_PER_S) * US_PER_S,
  };
}

function toUs(f: Fields): number {
  if (f.month < 1 || f.month > 12) throw new RangeError('month must be in 1..12');
  const days = new Date(Date.UTC(f.year, f.month, 0)).getUTCDate();
  if (f.day < 1 || f.day > days) throw new RangeError('day is out of range for month');
  const ms = Date.UTC(f.year, f.month - 1, f.day, f.hour, f.minute, f.second);
  const d = new Date(ms);
  if (f.year < 100) d.setUTCFullYear(f.year);
  return d.getTime() * US_PER_MS + f.microsecond;
}

function strftime(f: Fields, us: number, fmt: string, tz: PyTimezone | null): string {
  const offset = tz ? tz.offsetForWall(us) : 0;
  const weekday = (new Date(Math.floor(us / US_PER_MS)).getUTCDay() + 6) % 7;
  const yday =
    Math.floor(
      (toUs({ ...f, hour: 0, minute: 0, second: 0, microsecond: 0 }) -
        toUs({ ...f, month: 1, day: 1, hour: 0, minute: 0, second: 0, microsecond: 0 })) /
        US_PER_DAY,
    ) + 1;
  return fmt.replace(/%([a-zA-Z%])/g, (m, c: string) => {
    switch (c) {
      case 'Y':
        return p4(f.year);
      case 'y':
        return p2(f.year % 100);
      case 'm':
        return p2(f.month);
      case 'd':
        return p2(f.day);
      case 'e':
        return String(f.day).padStart(2, ' ');
      case 'H':
        return p2(f.hour);
      case 'I':
        return p2(f.hour % 12 || 12);
      case 'M':
        return p2(f.minute);
      case 'S':
        return p2(f.second);
      case 'f':
        return p6(f.microsecond);
      case 'p':
        return f.hour < 12 ? 'AM' : 'PM';
      case 'a':
        return DAYS[weekday].slice(0, 3);
      case 'A':
        return DAYS[weekday];
      case 'w':
        return String((weekday + 1) % 7);
      case 'u':
        return String(weekday + 1);
      case 'b':
      case 'h':
        return MONTHS[f.month - 1].slice(0, 3);
      case 'B':
        return MONTHS[f.month - 1];
      case 'j':
        return p3(yday);
      case 'z':
        return tz ? formatOffset(offset, false) : '';
      case 'Z':
        return tz ? tz.name : '';
      case 'F':
        return `${p4(f.year)}-${p2(f.month)}-${p2(f.day)}`;
      case 'T':
        return `${p2(f.hour)}:${p2(f.minute)}:${p2(f.second)}`;
      case 'D':
        return `${p2(f.month)}/${p2(f.day)}/${p2(f.year % 100)}`;
      case 'c':
        return `${DAYS[weekday].slice(0, 3)} ${MONTHS[f.month - 1].slice(0, 3)} ${String(f.day).padStart(2, ' ')} ${p2(f.hour)}:${p2(f.minute)}:${p2(f.second)} ${f.year}`;
      case 'x':
        return `${p2(f.month)}/${p2(f.day)}/${p2(f.year % 100)}`;
      case 'X':
        return `${p2(f.hour)}:${p2(f.minute)}:${p2(f.second)}`;
      case 's':
        return String(Math.floor(us / US_PER_S));
      case '%':
        return '%';
      default:
        return m;
    }
  });
}

export class PyDate {
  readonly year: number;
  readonly month: number;
  readonly day: number;
  constructor(year: number, month: number, day: number) {
    toUs({ year, month, day, hour: 0, minute: 0, second: 0, microsecond: 0 });
    this.year = year;
    this.month = month;
    this.day = day;
  }
  static fromUs(us: number): PyDate {
    const f = fieldsOf(us);
    return new PyDate(f.year, f.month, f.day);
  }
  private get us(): number {
    return toUs({
      year: this.year,
      month: this.month,
      day: this.day,
      hour: 0,
      minute: 0,
      second: 0,
      microsecond: 0,
    });
  }
  valueOf(): number {
    return this.us;
  }
  __add__(o: unknown): PyDate {
    if (o instanceof PyTimedelta) return PyDate.fromUs(this.us + o.days * US_PER_DAY);
    throw new TypeError('unsupported operand for +: date');
  }
  __radd__(o: unknown): PyDate {
    return this.__add__(o);
  }
  __sub__(o: unknown): unknown {
    if (o instanceof PyTimedelta) return PyDate.fromUs(this.us - o.days * US_PER_DAY);
    if (o instanceof PyDate) return new PyTimedelta(this.us - o.us);
    throw new TypeError('unsupported operand for -: date');
  }
  __eq__(o: unknown): boolean {
    return o instanceof PyDate && !(o instanceof PyDateTime) && o.us === this.us;
  }
  weekday(): number {
    return (new Date(this.us / US_PER_MS).getUTCDay() + 6) % 7;
  }
  isoweekday(): number {
    return this.weekday() + 1;
  }
  isoformat(): string {
    return `${p4(this.year)}-${p2(this.month)}-${p2(this.day)}`;
  }
  strftime(fmt: unknown): string {
    const f = {
      year: this.year,
      month: this.month,
      day: this.day,
      hour: 0,
      minute: 0,
      second: 0,
      microsecond: 0,
    };
    return strftime(f, this.us, String(fmt), null);
  }
  replace(...args: unknown[]): PyDate {
    const {
      year = this.year,
      month = this.month,
      day = this.day,
    } = bindArgs(args, ['year', 'month', 'day']) as Record<string, number>;
    return new PyDate(year, month, day);
  }
  toordinal(): number {
    return Math.floor(this.us / US_PER_DAY) + 719163;
  }
  toString(): string {
    return this.isoformat();
  }
}

export class PyDateTime {
  constructor(
    /** Wall-clock microseconds since 1970-01-01 (UTC for aware values). */
    readonly us: number,
    readonly tzinfo: PyTimezone | null = null,
  ) {}
  private get f(): Fields {
    return fieldsOf(this.us);
  }
  get year(): number {
    return this.f.year;
  }
  get month(): number {
    return this.f.month;
  }
  get day(): number {
    return this.f.day;
  }
  get hour(): number {
    return this.f.hour;
  }
  get minute(): number {
    return this.f.minute;
  }
  get second(): number {
    return this.f.second;
  }
  get microsecond(): number {
    return this.f.microsecond;
  }
  /** The UTC instant (µs): the wall clock minus the zone's offset; naive values are taken as UTC. */
  get instant(): number {
    return this.tzinfo ? this.us - this.tzinfo.offsetForWall(this.us) : this.us;
  }
  valueOf(): number {
    return this.instant;
  }
  __add__(o: unknown): PyDateTime {
    if (o instanceof PyTimedelta) return new PyDateTime(this.us + o.us, this.tzinfo);
    throw new TypeError('unsupported operand for +: datetime');
  }
  __radd__(o: unknown): PyDateTime {
    return this.__add__(o);
  }
  __sub__(o: unknown): unknown {
    if (o instanceof PyTimedelta) return new PyDateTime(this.us - o.us, this.tzinfo);
    if (o instanceof PyDateTime) return new PyTimedelta(this.instant - o.instant);
    throw new TypeError('unsupported operand for -: datetime');
  }
  __eq__(o: unknown): boolean {
    return o instanceof PyDateTime && o.instant === this.instant;
  }
  date(): PyDate {
    return PyDate.fromUs(this.us);
  }
  weekday(): number {
    return this.date().weekday();
  }
  isoweekday(): number {
    return this.date().isoweekday();
  }
  timestamp(): number {
    return this.instant / US_PER_S;
  }
  astimezone(tz?: unknown): PyDateTime {
    const zone = tz instanceof PyTimezone ? tz : UTC;
    const instant = this.instant;
    return new PyDateTime(instant + zone.offsetAt(instant), zone);
  }
  utcoffset(): PyTimedelta | null {
    return this.tzinfo ? new PyTimedelta(this.tzinfo.offsetForWall(this.us)) : null;
  }
  tzname(): string | null {
    return this.tzinfo ? this.tzinfo.name : null;
  }
  isoformat(...args: unknown[]): string {
    const { sep, timespec } = bindArgs(args, ['sep', 'timespec'], { sep: 'T', timespec: 'auto' });
    const f = this.f;
    let time = `${p2(f.hour)}:${p2(f.minute)}`;
    if (timespec !== 'minutes') time += `:${p2(f.second)}`;
    if (timespec === 'milliseconds') time += '.' + p3(Math.floor(f.microsecond / 1000));
    else if (timespec === 'microseconds' || (timespec === 'auto' && f.microsecond))
      time += '.' + p6(f.microsecond);
    const date = `${p4(f.year)}-${p2(f.month)}-${p2(f.day)}`;
    const zone = this.tzinfo ? formatOffset(this.tzinfo.offsetForWall(this.us), true) : '';
    return `${date}${String(sep)}${time}${zone}`;
  }
  strftime(fmt: unknown): string {
    return strftime(this.f, this.us, String(fmt), this.tzinfo);
  }
  replace(...args: unknown[]): PyDateTime {
    const kw = bindArgs(args, ['year', 'month', 'day', 'hour', 'minute', 'second', 'microsecond', 'tzinfo']);
    const f = { ...this.f };
    for (const k of Object.keys(f) as (keyof Fields)[]) if (kw[k] !== undefined) f[k] = Number(kw[k]);
    const tz = 'tzinfo' in kw ? (kw.tzinfo instanceof PyTimezone ? kw.tzinfo : null) : this.tzinfo;
    return new PyDateTime(toUs(f), tz);
  }
  toString(): string {
    return this.isoformat(' ');
  }
}

/** A JavaScript Date as the aware UTC datetime Python code expects (`run_started_at.strftime(...)`). */
export function fromJsDate(d: Date): PyDateTime {
  return new PyDateTime(d.getTime() * US_PER_MS, UTC);
}

function nowUs(utc: boolean): number {
  const d = new Date();
  if (utc) return d.getTime() * US_PER_MS;
  const wall = Date.UTC(
    d.getFullYear(),
    d.getMonth(),
    d.getDate(),
    d.getHours(),
    d.getMinutes(),
    d.getSeconds(),
    d.getMilliseconds(),
  );
  return wall * US_PER_MS;
}

const ISO =
  /^(\d{4})-?(\d{2})-?(\d{2})(?:[T ](\d{2}):?(\d{2})(?::?(\d{2})(?:[.,](\d{1,6})\d*)?)?)?\s*(Z|[+-]\d{2}:?\d{2})?$/;

export function parseIso(s: string): PyDateTime {
  const m = ISO.exec(s.trim());
  if (!m) throw new RangeError(`Invalid isoformat string: '${s}'`);
  const f: Fields = {
    year: +m[1],
    month: +m[2],
    day: +m[3],
    hour: +(m[4] ?? 0),
    minute: +(m[5] ?? 0),
    second: +(m[6] ?? 0),
    microsecond: m[7] ? +m[7].padEnd(6, '0') : 0,
  };
  const us = toUs(f);
  const tz = m[8] ? (m[8] === 'Z' ? UTC : timezoneNamed(m[8])) : null;
  return new PyDateTime(us, tz);
}

const STRPTIME: Record<string, string> = {
  Y: '(\\d{4})',
  m: '(\\d{1,2})',
  d: '(\\d{1,2})',
  H: '(\\d{1,2})',
  I: '(\\d{1,2})',
  M: '(\\d{1,2})',
  S: '(\\d{1,2})',
  f: '(\\d{1,6})',
  y: '(\\d{2})',
  b: '([A-Za-z]{3})',
  B: '([A-Za-z]+)',
  a: '[A-Za-z]{3}',
  A: '[A-Za-z]+',
  p: '(AM|PM|am|pm)',
  z: '(Z|[+-]\\d{2}:?\\d{2})',
  j: '(\\d{1,3})',
  '%': '%',
};

export function strptime(s: string, fmt: string): PyDateTime {
  const order: string[] = [];
  let re = '';
  for (let i = 0; i < fmt.length; i++) {
    if (fmt[i] === '%' && i + 1 < fmt.length) {
      const c = fmt[++i];
      const pat = STRPTIME[c];
      if (!pat) throw new RangeError(`'${c}' is a bad directive in format '${fmt}'`);
      if (pat.startsWith('(')) order.push(c);
      re += pat;
    } else {
      re += fmt[i].replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    }
  }
  const m = new RegExp('^' + re + '$').exec(s);
  if (!m) throw new RangeError(`time data '${s}' does not match format '${fmt}'`);
  const f: Fields = { year: 1900, month: 1, day: 1, hour: 0, minute: 0, second: 0, microsecond: 0 };
  let pm: boolean | null = null;
  let tz: string | null = null;
  let yday: number | null = null;
  order.forEach((c, i) => {
    const v = m[i + 1];
    switch (c) {
      case 'Y':
        f.year = +v;
        break;
      case 'y':
        f.year = +v < 69 ? 2000 + +v : 1900 + +v;
        break;
      case 'm':
        f.month = +v;
        break;
      case 'd':
        f.day = +v;
        break;
      case 'H':
      case 'I':
        f.hour = +v;
        break;
      case 'M':
        f.minute = +v;
        break;
      case 'S':
        f.second = +v;
        break;
      case 'f':
        f.microsecond = +v.padEnd(6, '0');
        break;
      case 'b':
      case 'B':
        f.month = MONTHS.findIndex((n) => n.toLowerCase().startsWith(v.toLowerCase().slice(0, 3))) + 1;
        break;
      case 'p':
        pm = v.toUpperCase() === 'PM';
        break;
      case 'z':
        tz = v;
        break;
      case 'j':
        yday = +v;
        break;
    }
  });
  if (pm !== null) f.hour = (f.hour % 12) + (pm ? 12 : 0);
  let us = toUs(f);
  if (yday !== null) us = toUs({ ...f, month: 1, day: 1 }) + (yday - 1) * US_PER_DAY;
  if (tz === null) return new PyDateTime(us);
  return new PyDateTime(us, tz === 'Z' ? UTC : timezoneNamed(tz));
}

function callable<T extends object>(fn: AnyFn, statics: T): AnyFn & T {
  return Object.assign(internal(fn), statics);
}

const tzArg = (args: unknown[]) => {
  const { tz } = bindArgs(args, ['tz']);
  return tz instanceof PyTimezone ? tz : null;
};

export function createDatetimeModule() {
  const timedelta = callable((...args: unknown[]) => {
    const a = bindArgs(args, [
      'days',
      'seconds',
      'microseconds',
      'milliseconds',
      'minutes',
      'hours',
      'weeks',
    ]);
    const n = (k: string) => Number(a[k] ?? 0);
    const us =
      n('days') * US_PER_DAY +
      n('seconds') * US_PER_S +
      n('microseconds') +
      n('milliseconds') * US_PER_MS +
      n('minutes') * 60 * US_PER_S +
      n('hours') * 3600 * US_PER_S +
      n('weeks') * 7 * US_PER_DAY;
    return new PyTimedelta(Math.round(us));
  }, {});
  const datetime = callable(
    (...args: unknown[]) => {
      const a = bindArgs(args, ['year', 'month', 'day', 'hour', 'minute', 'second', 'microsecond', 'tzinfo']);
      const f: Fields = {
        year: Number(a.year),
        month: Number(a.month),
        day: Number(a.day),
        hour: Number(a.hour ?? 0),
        minute: Number(a.minute ?? 0),
        second: Number(a.second ?? 0),
        microsecond: Number(a.microsecond ?? 0),
      };
      return new PyDateTime(toUs(f), a.tzinfo instanceof PyTimezone ? a.tzinfo : null);
    },
    {
      now: internal((...args: unknown[]) => {
        const tz = tzArg(args);
        if (!tz) return new PyDateTime(nowUs(false));
        const instant = nowUs(true);
        return new PyDateTime(instant + tz.offsetAt(instant), tz);
      }),
      utcnow: internal(() => new PyDateTime(nowUs(true))),
      today: internal(() => new PyDateTime(nowUs(false))),
      fromisoformat: internal((s: unknown) => parseIso(String(s))),
      strptime: internal((s: unknown, fmt: unknown) => strptime(String(s), String(fmt))),
      fromtimestamp: internal((...args: unknown[]) => {
        const { timestamp } = bindArgs(args, ['timestamp']);
        const tz = bindArgs(args, ['timestamp', 'tz']).tz;
        const instant = Math.round(Number(timestamp) * US_PER_S);
        if (!(tz instanceof PyTimezone)) return new PyDateTime(instant);
        return new PyDateTime(instant + tz.offsetAt(instant), tz);
      }),
      utcfromtimestamp: internal((ts: unknown) => new PyDateTime(Math.round(Number(ts) * US_PER_S))),
      combine: internal((d: unknown) => {
        const date = d as PyDate;
        return new PyDateTime(
          toUs({
            year: date.year,
            month: date.month,
            day: date.day,
            hour: 0,
            minute: 0,
            second: 0,
            microsecond: 0,
          }),
        );
      }),
    },
  );
  const date = callable(
    (...args: unknown[]) => {
      const a = bindArgs(args, ['year', 'month', 'day']);
      return new PyDate(Number(a.year), Number(a.month), Number(a.day));
    },
    {
      today: internal(() => PyDate.fromUs(nowUs(false))),
      fromisoformat: internal((s: unknown) => parseIso(String(s)).date()),
      fromtimestamp: internal((ts: unknown) => PyDate.fromUs(Math.round(Number(ts) * US_PER_S))),
    },
  );
  const timezone = callable(() => UTC, { utc: UTC });
  const pytz = {
    utc: UTC,
    UTC,
    timezone: internal((...args: unknown[]) => timezoneNamed(String(splitArgs(args).args[0]))),
  };
  return { datetime, date, timedelta, timezone, pytz, MINYEAR: 1, MAXYEAR: 9999 };
}

internalClass(PyTimedelta, PyDate, PyDateTime, PyTimezone);
