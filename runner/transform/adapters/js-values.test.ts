import { toJsNumber, utcTimestamp } from './js-values';

describe('toJsNumber', () => {
  it('keeps exact values as numbers and the rest as strings', () => {
    expect(toJsNumber('42')).toBe(42);
    expect(toJsNumber('-7')).toBe(-7);
    expect(toJsNumber('1.50')).toBe(1.5);
    expect(toJsNumber('0.10')).toBe(0.1);
    expect(toJsNumber('9007199254740993')).toBe('9007199254740993');
    expect(toJsNumber('170141183460469231731687303715884105727')).toBe(
      '170141183460469231731687303715884105727',
    );
    expect(toJsNumber('12345678901234567.89')).toBe('12345678901234567.89');
  });
});

describe('utcTimestamp', () => {
  it('reads a zone-less timestamp as UTC', () => {
    expect((utcTimestamp('2020-01-02 03:04:05.5') as Date).toISOString()).toBe('2020-01-02T03:04:05.500Z');
    expect(utcTimestamp('infinity')).toBe('infinity');
  });
});
