import { MassDeleteError } from './delivery-error';
import { checkMassDelete, resourceLosses } from './mass-delete-guard';
import type { KeyHash } from './mart-tables';
import { diffRows, type DeliveredRow } from './row-diff';

function delivered(n: number, part: string): Map<string, DeliveredRow> {
  return new Map(Array.from({ length: n }, (_, i) => [`${part}-${i}`, { hash: 'h', part }]));
}

function build(keys: string[], published = true, hash = 'h'): Map<string, KeyHash> {
  return new Map(keys.map((k) => [k, { hash, part: k.split('-')[0]!, published }]));
}

const opts = { maxShare: 0.2, allowMassDelete: false, where: 'test' };

describe('change detection and the mass-delete guard', () => {
  it('splits a build into inserts, updates, removals and unchanged rows', () => {
    const d = new Map<string, DeliveredRow>([
      ['a', { hash: '1', part: null }],
      ['b', { hash: '2', part: null }],
      ['c', { hash: '3', part: null }],
    ]);
    const b = new Map<string, KeyHash>([
      ['a', { hash: '1', part: null }],
      ['b', { hash: '9', part: null }],
      ['d', { hash: '4', part: null }],
    ]);
    expect(diffRows(b, d)).toEqual({ inserted: ['d'], updated: ['b'], removed: ['c'], unchanged: 1 });
  });

  it('allows up to the share, refuses more, and always refuses removing a whole source', () => {
    const prev = new Map([...delivered(10, 'ocw'), ...delivered(2, 'mitpe')]);
    const keep = (n: number, src: string) => Array.from({ length: n }, (_, i) => `${src}-${i}`);
    // 2 of 10 ocw removed: exactly 20% is allowed
    expect(() =>
      checkMassDelete(resourceLosses(build([...keep(8, 'ocw'), ...keep(2, 'mitpe')]), prev), opts),
    ).not.toThrow();
    // 3 of 10: refused, and the message names the source
    expect(() =>
      checkMassDelete(resourceLosses(build([...keep(7, 'ocw'), ...keep(2, 'mitpe')]), prev), opts),
    ).toThrow(/ocw: 3 of 10 \(30%\)/);
    // unpublishing counts like removing
    const unpublished = build([...keep(7, 'ocw'), ...keep(2, 'mitpe')]);
    for (const k of ['ocw-7', 'ocw-8', 'ocw-9'])
      unpublished.set(k, { hash: 'x', part: 'ocw', published: false });
    expect(() => checkMassDelete(resourceLosses(unpublished, prev), opts)).toThrow(MassDeleteError);
    // every resource of a source, however few
    expect(() =>
      checkMassDelete(resourceLosses(build(keep(10, 'ocw')), prev), { ...opts, maxShare: 1 }),
    ).toThrow(/mitpe: 2 of 2/);
    expect(() =>
      checkMassDelete(resourceLosses(build(keep(10, 'ocw')), prev), { ...opts, allowMassDelete: true }),
    ).not.toThrow();
  });
});
