/** `%` / `.format()` formatting and `modules.datetime` / `modules.re`, as templates use them. */
import { memoryLogger } from '../../common/logger';
import { JinjaEngine } from './index';
import { formatSpec, percentFormat } from './python-format';
import { PyDateTime } from './python-datetime';

const e = new JinjaEngine({ rootPackage: 'proj', logger: memoryLogger() });
const r = (src: string, ctx: Record<string, unknown> = {}) => e.render(src, ctx);

describe('printf-style formatting', () => {
  it.each([
    ['%s', 'x', false, 'x'],
    ['%s|%r', ['a', 'a'], true, "a|'a'"],
    ['%5s|%-5s|', ['ab', 'cd'], true, '   ab|cd   |'],
    ['%d %i %u', [3.9, -2.5, 7], true, '3 -2 7'],
    ['%05d|%+d|% d', [42, 5, 5], true, '00042|+5| 5'],
    ['%.2f|%8.3f|%-8.1f|', [3.14159, 2, 1.25], true, '3.14|   2.000|1.2     |'],
    ['%e|%.2E', [12345.678, 0.000123], true, '1.234568e+04|1.23E-04'],
    ['%g|%g|%g', [0.0001, 123456789, 2.5], true, '0.0001|1.23457e+08|2.5'],
    ['%x|%X|%o|%#x', [255, 255, 8, 255], true, 'ff|FF|10|0xff'],
    ['%c%c', [72, 'i'], true, 'Hi'],
    ['%(a)s-%(b)05.1f', { a: 'k', b: 2.25 }, false, 'k-002.2'],
    ['100%% %s', 'sure', false, '100% sure'],
    ['%s', [1, 2], false, '[1, 2]'],
    ['%s %s', [1, 2], false, '1 2'],
    ['%s', null, false, 'None'],
    ['%s', true, false, 'True'],
  ])('%j %% %j', (fmt, value, spread, expected) => {
    expect(percentFormat(fmt, value, spread)).toBe(expected);
  });

  it('argument count mismatches are errors', () => {
    expect(() => percentFormat('%s %s', ['a'], true)).toThrow('not enough arguments for format string');
    expect(() => percentFormat('%s', ['a', 'b'], true)).toThrow(
      'not all arguments converted during string formatting',
    );
    expect(() => percentFormat('%d', 'x', false)).toThrow('%d format: a number is required, not string');
  });
});

describe('str.format and format specs', () => {
  it.each([
    ["'{} and {}'.format(1, 'x')", '1 and x'],
    ["'{1}{0}{1}'.format('a', 'b')", 'bab'],
    ["'{name}:{n:03d}'.format(name='id', n=7)", 'id:007'],
    ["'{:>6}|{:<6}|{:^6}|'.format('r', 'l', 'c')", '     r|l     |  c   |'],
    ["'{:,}'.format(1234567)", '1,234,567'],
    ["'{:.1%}'.format(0.256)", '25.6%'],
    ["'{:*^7.2f}'.format(3.14159)", '*3.14**'],
    ["'{0[1]} {d[k]} {o.a}'.format([0, 'one'], d={'k': 'v'}, o={'a': 'A'})", 'one v A'],
    ["'{!r}'.format('q')", "'q'"],
    ["'{{literal}} {}'.format(1)", '{literal} 1'],
    ["'{:%Y/%m}'.format(modules.datetime.date(2024, 5, 1))", '2024/05'],
  ])('%s', (expr, expected) => {
    expect(r(`{{ ${expr} }}`)).toBe(expected);
  });

  it('formatSpec pads numbers with zeros after the sign', () => {
    expect(formatSpec(-5, '04d')).toBe('-005');
    expect(formatSpec('x', '')).toBe('x');
  });
});

describe('modules.datetime', () => {
  it('builds, formats and does arithmetic like Python', () => {
    const src = `{%- set dt = modules.datetime.datetime(2024, 1, 31, 13, 5, 9) -%}
{{ dt }}|{{ dt.strftime('%Y-%m-%d %H:%M:%S %a %b %j %I%p') }}|{{ dt.isoformat() }}|{{ (dt + modules.datetime.timedelta(days=1)).date() }}
|{{ (dt - modules.datetime.timedelta(hours=14)).strftime('%Y%m%d%H') }}|{{ dt.year }}-{{ dt.month }}-{{ dt.day }}|{{ dt.weekday() }}`;
    expect(r(src)).toBe(
      '2024-01-31 13:05:09|2024-01-31 13:05:09 Wed Jan 031 01PM|2024-01-31T13:05:09|2024-02-01\n|2024013023|2024-1-31|2',
    );
  });

  it('differences are timedeltas; dates compare', () => {
    const src = `{%- set a = modules.datetime.datetime(2024, 3, 1) -%}{%- set b = modules.datetime.datetime(2024, 2, 28, 12) -%}
{{ a - b }}|{{ (a - b).days }}|{{ (a - b).total_seconds() }}|{{ a > b }}|{{ modules.datetime.date(2024, 2, 29) + modules.datetime.timedelta(days=1) }}
|{{ modules.datetime.timedelta(seconds=90) }}|{{ modules.datetime.date(2024, 1, 1) == modules.datetime.date(2024, 1, 1) }}`;
    expect(r(src)).toBe('1 day, 12:00:00|1|129600|True|2024-03-01\n|0:01:30|True');
  });

  it('parses with strptime and fromisoformat, and knows UTC', () => {
    const src = `{{ modules.datetime.datetime.strptime('2023-07-04 09:30', '%Y-%m-%d %H:%M') }}|{{ modules.datetime.datetime.fromisoformat('2023-07-04T09:30:00.5+02:00').isoformat() }}|{{ modules.datetime.datetime(2020, 1, 1, tzinfo=modules.pytz.utc) }}|{{ modules.datetime.datetime.strptime('04/Jul/2023', '%d/%b/%Y').date() }}`;
    expect(r(src)).toBe(
      '2023-07-04 09:30:00|2023-07-04T09:30:00.500000+02:00|2020-01-01 00:00:00+00:00|2023-07-04',
    );
  });

  it('converts between UTC, fixed offsets and IANA zones', () => {
    const src = `{%- set utc = modules.datetime.datetime(2024, 1, 15, 12, 0, tzinfo=modules.pytz.utc) -%}
{{ utc.astimezone(modules.pytz.timezone('America/New_York')) }}|{{ utc.astimezone(modules.pytz.timezone('Europe/Paris')).strftime('%H:%M %z %Z') }}
|{{ modules.datetime.datetime(2024, 7, 15, 12, 0, tzinfo=modules.pytz.utc).astimezone(modules.pytz.timezone('America/New_York')).isoformat() }}
|{{ modules.datetime.datetime.fromisoformat('2024-01-15T12:00:00+05:30') - utc }}|{{ modules.pytz.timezone('Asia/Kolkata').localize(modules.datetime.datetime(2024, 1, 1)).isoformat() }}`;
    expect(r(src)).toBe(
      '2024-01-15 07:00:00-05:00|13:00 +0100 Europe/Paris\n|2024-07-15T08:00:00-04:00\n|-1 day, 18:30:00|2024-01-01T00:00:00+05:30',
    );
    expect(() => r("{{ modules.pytz.timezone('Mars/Olympus') }}")).toThrow(
      "unknown time zone 'Mars/Olympus'",
    );
  });

  it('now() and utcnow() return datetimes', () => {
    const before = Date.now();
    const out = r(
      "{{ modules.datetime.datetime.utcnow().timestamp() }}|{{ modules.datetime.datetime.now().strftime('%Y') | length }}",
    );
    const [ts, yearLen] = out.split('|');
    expect(Number(ts) * 1000).toBeGreaterThanOrEqual(before - 1);
    expect(yearLen).toBe('4');
    expect(r('{{ modules.datetime.datetime.now() is string }}')).toBe('False');
  });

  it('invalid dates and formats are compile errors', () => {
    expect(() => r('{{ modules.datetime.datetime(2023, 2, 30) }}')).toThrow('day is out of range for month');
    expect(() => r("{{ modules.datetime.datetime.strptime('x', '%Y') }}")).toThrow(
      "time data 'x' does not match format '%Y'",
    );
  });

  it('treats JavaScript Dates as aware UTC datetimes', () => {
    const d = new Date(Date.UTC(2024, 4, 6, 7, 8, 9, 250));
    expect(
      r("{{ d }}|{{ d.strftime('%Y-%m-%d %H:%M:%S.%f %z') }}|{{ d.year }}|{{ d.isoformat() }}", { d }),
    ).toBe(
      '2024-05-06 07:08:09.250000+00:00|2024-05-06 07:08:09.250000 +0000|2024|2024-05-06T07:08:09.250000+00:00',
    );
    expect(r('{{ d }}', { d: new Date(Date.UTC(2024, 0, 1)) })).toBe('2024-01-01 00:00:00+00:00');
  });

  it('exports PyDateTime for engines that pass run_started_at', () => {
    const started = new PyDateTime(Date.UTC(2024, 4, 6, 7, 8, 9) * 1000, null);
    expect(r("{{ run_started_at.strftime('%Y-%m-%dT%H') }}", { run_started_at: started })).toBe(
      '2024-05-06T07',
    );
  });
});

describe('modules.re', () => {
  it.each([
    ["modules.re.match('a(b)', 'abc').group(1)", 'b'],
    ["modules.re.match('b', 'abc')", 'None'],
    ["modules.re.search('b(?P<rest>.*)', 'abc').group('rest')", 'c'],
    ["modules.re.search('(\\d+)-(\\d+)', 'x 12-34').groups()", "['12', '34']"],
    ["modules.re.fullmatch('[a-z]+', 'abc') is not none", 'True'],
    ["modules.re.fullmatch('[a-z]+', 'abc1') is none", 'True'],
    ["modules.re.findall('\\d', 'a1b2')", "['1', '2']"],
    ["modules.re.findall('(\\w)=(\\d)', 'a=1 b=2')", "[['a', '1'], ['b', '2']]"],
    ["modules.re.sub('[^a-z0-9]+', '_', 'Hello World!'.lower())", 'hello_world_'],
    ["modules.re.sub('(\\w+)@(\\w+)', '\\\\2 at \\\\g<1>', 'me@host')", 'host at me'],
    ["modules.re.sub('a', 'b', 'aaa', count=2)", 'bba'],
    ["modules.re.split(',\\s*', 'a, b,c')", "['a', 'b', 'c']"],
    ["modules.re.compile('^stg_', modules.re.IGNORECASE).match('STG_x') is not none", 'True'],
    ["modules.re.escape('a.b')", 'a\\.b'],
    ["modules.re.match('(?i)^stg_', 'STG_orders') is not none", 'True'],
  ])('%s', (expr, expected) => {
    expect(r(`{{ ${expr} }}`)).toBe(expected);
  });

  it('a match is truthy in conditions', () => {
    expect(r("{% if modules.re.match('^int_', name) %}intermediate{% endif %}", { name: 'int_orders' })).toBe(
      'intermediate',
    );
  });
});
