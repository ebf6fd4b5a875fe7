/**
 * Python string formatting: `'%s-%05.2f' % (a, b)` (printf style) and `'{} {name:>8}'.format(...)`.
 * Bad input raises a TypeError that the runtime reports as a compile error at the template's line.
 */
import { isDict, isTuple, pyRepr, pyStr } from './python-repr';

const PERCENT_SPEC = /%(\(([^)]*)\))?([-+ 0#]*)(\*|\d+)?(?:\.(\*|\d+))?[hlL]?([diouxXeEfFgGcrsa%])/g;

function toNumber(value: unknown, conv: string): number {
  if (typeof value === 'boolean') return value ? 1 : 0;
  if (typeof value === 'number') return value;
  if (typeof value === 'bigint') return Number(value);
  throw new TypeError(`%${conv} format: a number is required, not ${value === null ? 'None' : typeof value}`);
}

/** `toFixed` with Python's rounding: exact ties go to the even digit (JavaScript rounds them up). */
export function toFixedPy(x: number, digits: number): string {
  const s = x.toFixed(digits);
  if (!Number.isFinite(x) || digits > 60) return s;
  const exact = x.toFixed(Math.min(100, digits + 40));
  const cut = exact.length - (digits + 40 - digits);
  const tail = exact.slice(cut);
  if (!/^50*$/.test(tail)) return s;
  const kept = exact.slice(0, cut).replace(/\.$/, '');
  const last = Number(kept[kept.length - 1]);
  return last % 2 === 0 ? kept : s;
}

function exponent(s: string): string {
  return s.replace(/e([+-])(\d)$/, 'e$10$2');
}

/** Python's `%g` / `{:g}`: precision significant digits, trailing zeros removed. */
function generalFormat(n: number, precision: number, alt = false): string {
  const p = precision === 0 ? 1 : precision;
  if (n === 0) return '0';
  const exp = Math.floor(Math.log10(Math.abs(n)));
  let out: string;
  if (exp < -4 || exp >= p) out = exponent(n.toExponential(p - 1));
  else out = n.toFixed(Math.max(0, p - 1 - exp));
  if (!alt) {
    out = out.replace(/\.?0+(e|$)/, '$1');
    if (out.includes('e')) out = out.replace(/\.0+e/, 'e');
  }
  return out;
}

function numberBody(n: number, conv: string, precision: number | undefined, alt: boolean): string {
  const abs = Math.abs(n);
  switch (conv) {
    case 'd':
    case 'i':
    case 'u':
      return String(Math.trunc(abs));
    case 'f':
    case 'F':
      return toFixedPy(abs, precision ?? 6);
    case 'e':
    case 'E': {
      const s = exponent(abs.toExponential(precision ?? 6));
      return conv === 'E' ? s.toUpperCase() : s;
    }
    case 'g':
    case 'G': {
      const s = generalFormat(abs, precision ?? 6, alt);
      return conv === 'G' ? s.toUpperCase() : s;
    }
    case 'x':
      return (alt ? '0x' : '') + Math.trunc(abs).toString(16);
    case 'X':
      return (alt ? '0X' : '') + Math.trunc(abs).toString(16).toUpperCase();
    case 'o':
      return (alt ? '0o' : '') + Math.trunc(abs).toString(8);
    default:
      return String(abs);
  }
}

function pad(body: string, sign: string, width: number, left: boolean, zero: boolean): string {
  const len = body.length + sign.length;
  if (len >= width) return sign + body;
  if (left) return sign + body + ' '.repeat(width - len);
  if (zero) return sign + '0'.repeat(width - len) + body;
  return ' '.repeat(width - len) + sign + body;
}

/** `fmt % value`. `spread`: the right operand is a literal tuple, so its items are the arguments. */
export function percentFormat(fmt: string, value: unknown, spread: boolean): string {
  const specs = fmt.match(PERCENT_SPEC) ?? [];
  const needed = specs.filter((s) => !s.endsWith('%%') && s !== '%%').length;
  const byName = isDict(value) && specs.some((s) => s.startsWith('%('));
  let args: unknown[];
  if (byName) args = [];
  else if ((spread || isTuple(value)) && Array.isArray(value)) args = value;
  else if (Array.isArray(value) && needed > 1) args = value;
  else args = [value];
  let next = 0;
  const take = (): unknown => {
    if (next >= args.length) throw new TypeError('not enough arguments for format string');
    return args[next++];
  };
  const out = fmt.replace(
    PERCENT_SPEC,
    (
      _m,
      _named,
      name: string | undefined,
      flags: string,
      width: string | undefined,
      prec: string | undefined,
      conv: string,
    ) => {
      if (conv === '%') return '%';
      const w = width === '*' ? Number(take()) : width ? parseInt(width, 10) : 0;
      const p = prec === '*' ? Number(take()) : prec !== undefined ? parseInt(prec, 10) : undefined;
      const arg = name !== undefined && byName ? (value as Record<string, unknown>)[name] : take();
      const left = flags.includes('-');
      if (conv === 's' || conv === 'r' || conv === 'a' || conv === 'c') {
        let s =
          conv === 'c' && typeof arg === 'number'
            ? String.fromCharCode(arg)
            : conv === 's' || conv === 'c'
              ? pyStr(arg)
              : pyRepr(arg);
        if (p !== undefined) s = s.slice(0, p);
        return pad(s, '', w, left, false);
      }
      const n = toNumber(arg, conv);
      const sign =
        n < 0 || Object.is(n, -0) ? '-' : flags.includes('+') ? '+' : flags.includes(' ') ? ' ' : '';
      return pad(numberBody(n, conv, p, flags.includes('#')), sign, w, left, flags.includes('0'));
    },
  );
  if (!byName && next < args.length && (spread || isTuple(value) || (Array.isArray(value) && needed > 1))) {
    throw new TypeError('not all arguments converted during string formatting');
  }
  return out;
}

const FORMAT_SPEC = /^(?:(.)?([<>=^]))?([-+ ])?(#)?(0)?(\d+)?([,_])?(?:\.(\d+))?([bcdeEfFgGnosxX%])?$/;

/** Python's format-spec mini-language (`>10`, `,.2f`, `08.3f`, `x`...). */
export function formatSpec(value: unknown, spec: string): string {
  if (!spec) return pyStr(value);
  const strftime = (value as { strftime?: unknown } | null)?.strftime;
  if (typeof strftime === 'function') return String(strftime.call(value, spec));
  const m = FORMAT_SPEC.exec(spec);
  if (!m) throw new TypeError(`invalid format specifier '${spec}'`);
  const [, fillCh, alignCh, signCh, alt, zero, widthS, group, precS, type] = m;
  const width = widthS ? parseInt(widthS, 10) : 0;
  const precision = precS !== undefined ? parseInt(precS, 10) : undefined;
  let body: string;
  let sign = '';
  const numeric = typeof value === 'number' || typeof value === 'boolean';
  if (numeric || (type && type !== 's')) {
    const n = toNumber(value, type ?? 'd');
    sign = n < 0 ? '-' : signCh === '+' ? '+' : signCh === ' ' ? ' ' : '';
    const abs = Math.abs(n);
    switch (type) {
      case undefined:
        body = precision !== undefined ? generalFormat(abs, precision) : pyStr(abs);
        break;
      case '%':
        body = toFixedPy(abs * 100, precision ?? 6) + '%';
        break;
      case 'n':
        body = numberBody(abs, 'g', precision, !!alt);
        break;
      case 'b':
        body = (alt ? '0b' : '') + Math.trunc(abs).toString(2);
        break;
      case 'c':
        body = String.fromCharCode(abs);
        break;
      default:
        body = numberBody(abs, type, precision, !!alt);
    }
    if (group) {
      const [int, frac] = body.split('.');
      if (/^\d+$/.test(int))
        body = int.replace(/\B(?=(\d{3})+(?!\d))/g, group) + (frac !== undefined ? '.' + frac : '');
    }
  } else {
    body = pyStr(value);
    if (precision !== undefined) body = body.slice(0, precision);
  }
  const fill = fillCh ?? (zero && !alignCh ? '0' : ' ');
  const align = alignCh ?? (zero ? '=' : numeric ? '>' : '<');
  const len = sign.length + body.length;
  if (len >= width) return sign + body;
  const gap = width - len;
  switch (align) {
    case '<':
      return sign + body + fill.repeat(gap);
    case '>':
      return fill.repeat(gap) + sign + body;
    case '^':
      return fill.repeat(Math.floor(gap / 2)) + sign + body + fill.repeat(gap - Math.floor(gap / 2));
    default:
      return sign + fill.repeat(gap) + body;
  }
}

/** `'{} {0} {name} {x.attr} {d[key]} {:>8}'.format(...)`. */
export function strFormat(
  fmt: string,
  args: readonly unknown[],
  kwargs: Record<string, unknown>,
  getAttr: (obj: unknown, key: string | number) => unknown,
): string {
  let out = '';
  let auto = 0;
  let i = 0;
  while (i < fmt.length) {
    const ch = fmt[i];
    if (ch === '}') {
      if (fmt[i + 1] === '}') i++;
      out += '}';
      i++;
      continue;
    }
    if (ch !== '{') {
      out += ch;
      i++;
      continue;
    }
    if (fmt[i + 1] === '{') {
      out += '{';
      i += 2;
      continue;
    }
    const close = fmt.indexOf('}', i);
    if (close < 0) throw new TypeError("Single '{' encountered in format string");
    const field = fmt.slice(i + 1, close);
    i = close + 1;
    const colon = field.indexOf(':');
    const head = colon >= 0 ? field.slice(0, colon) : field;
    const spec = colon >= 0 ? field.slice(colon + 1) : '';
    const [ref, conversion] = head.split('!');
    const m = /^([^.[]*)(.*)$/.exec(ref)!;
    let value: unknown;
    if (m[1] === '') {
      if (auto >= args.length)
        throw new TypeError('Replacement index out of range for positional args tuple');
      value = args[auto++];
    } else if (/^\d+$/.test(m[1])) {
      const idx = parseInt(m[1], 10);
      if (idx >= args.length) throw new TypeError(`Replacement index ${idx} out of range`);
      value = args[idx];
    } else {
      if (!(m[1] in kwargs)) throw new TypeError(`KeyError: '${m[1]}'`);
      value = kwargs[m[1]];
    }
    const rest = /\.(\w+)|\[([^\]]+)\]/g;
    let part: RegExpExecArray | null;
    while ((part = rest.exec(m[2]))) {
      const key = part[1] ?? part[2];
      value = getAttr(value, /^\d+$/.test(key) ? parseInt(key, 10) : key);
    }
    if (conversion === 'r') value = pyRepr(value);
    else if (conversion === 's') value = pyStr(value);
    out += formatSpec(value, spec);
  }
  return out;
}
