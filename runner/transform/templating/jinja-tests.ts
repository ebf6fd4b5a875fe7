/**
 * Jinja's tests (`x is none`, `x is mapping`, `x is divisibleby 3`...), with the aliases nunjucks and
 * Python Jinja both accept. The value comes first, then the test's arguments.
 */
import { internal, type AnyFn } from './internal-functions';
import type { JinjaRuntime } from './jinja-runtime';
import { contains, eq } from './python-operators';
import { isDict } from './python-repr';

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null;

export function createTests(rt: JinjaRuntime): Record<string, AnyFn> {
  const t: Record<string, AnyFn> = Object.create(null);
  const def = (names: string[], fn: AnyFn) => {
    for (const n of names) t[n] = internal(fn);
  };
  def(['defined'], (v) => v !== undefined);
  def(['undefined'], (v) => v === undefined);
  def(['none', 'None', 'null'], (v) => v === null);
  def(['boolean'], (v) => typeof v === 'boolean');
  def(['true', 'True'], (v) => v === true);
  def(['false', 'False'], (v) => v === false);
  def(['integer'], (v) => typeof v === 'number' && Number.isInteger(v));
  def(['float'], (v) => typeof v === 'number' && !Number.isInteger(v));
  def(['number'], (v) => typeof v === 'number');
  def(['string'], (v) => typeof v === 'string');
  // Relation objects count as mappings when they offer get() and keys(), as dbt's relations do.
  def(
    ['mapping'],
    (v: any) =>
      isDict(v) ||
      v instanceof Map ||
      (isObject(v) && typeof v.get === 'function' && typeof v.keys === 'function'),
  );
  def(
    ['iterable'],
    (v: any) =>
      typeof v === 'string' ||
      isDict(v) ||
      (isObject(v) && typeof (v as any)[Symbol.iterator] === 'function'),
  );
  def(['sequence'], (v) => typeof v === 'string' || Array.isArray(v) || isDict(v));
  def(['callable'], (v) => typeof v === 'function');
  def(['sameas'], (v, other) => v === other);
  def(['eq', 'equalto', '=='], (v, other) => eq(v, other));
  def(['ne', '!='], (v, other) => !eq(v, other));
  def(['lt', 'lessthan', '<'], (v: any, other: any) => v < other);
  def(['le', '<='], (v: any, other: any) => v <= other);
  def(['gt', 'greaterthan', '>'], (v: any, other: any) => v > other);
  def(['ge', '>='], (v: any, other: any) => v >= other);
  def(['in'], (v, container) => contains(container, v));
  def(['divisibleby'], (v, n) => Number(v) % Number(n) === 0);
  def(['even'], (v) => Number(v) % 2 === 0);
  def(['odd'], (v) => Math.abs(Number(v) % 2) === 1);
  def(['lower'], (v) => typeof v === 'string' && v === v.toLowerCase());
  def(['upper'], (v) => typeof v === 'string' && v === v.toUpperCase());
  def(['escaped'], () => false);
  def(['truthy'], (v) => rt.truthy(v));
  def(['falsy'], (v) => !rt.truthy(v));
  def(['filter'], (v) => typeof v === 'string' && v in rt.filters);
  def(['test'], (v) => typeof v === 'string' && v in rt.tests);
  return t;
}
