import { ENTITY_NAMES } from '../../shared-schema/generated/types';
import {
  formatViolations,
  isValidRecord,
  validateRecord,
  validators,
} from '../../shared-schema/generated/validators';
import { sampleRows } from './support/sample-rows';

const validResource = sampleRows().learning_resource![0];

describe('generated validators', () => {
  it('accept every record of the sample catalog', () => {
    for (const [entity, rows] of Object.entries(sampleRows())) {
      for (const r of rows as unknown[])
        expect({ entity, v: validateRecord(entity as never, r) }).toEqual({ entity, v: [] });
    }
  });

  it('report every failing field of one record, each with its JSON path', () => {
    const bad = {
      ...validResource,
      title: undefined,
      readable_id: 'x'.repeat(513),
      resource_type: 'book',
      last_modified: 'yesterday',
      published: 'yes',
      prices: [10, 'free'],
      delivery: ['online', 'by_post'],
      colour: 'blue',
    };
    delete (bad as Record<string, unknown>).title;
    const v = validateRecord('learning_resource', bad);
    const byPath = Object.fromEntries(v.map((x) => [x.path, x.keyword]));
    expect(byPath).toEqual({
      '/title': 'required',
      '/readable_id': 'maxLength',
      '/resource_type': 'enum',
      '/last_modified': 'format',
      '/published': 'type',
      '/prices/1': 'type',
      '/delivery/1': 'enum',
      '/colour': 'additionalProperties',
    });
    expect(formatViolations(v)).toContain('/resource_type: must be one of "course", "program"');
  });

  it('reject each kind of invalid record', () => {
    const cases: [Parameters<typeof validateRecord>[0], unknown, string, string][] = [
      ['platform', { name: 'No code' }, '/code', 'required'],
      ['platform', { code: 'moodle', name: 'Moodle' }, '/code', 'enum'],
      ['price', { id: 1, amount: 10, currency: 'usd' }, '/currency', 'pattern'],
      ['price', { id: 1, amount: -1, currency: 'USD' }, '/amount', 'minimum'],
      ['topic', { id: 1, name: 'X', topic_uuid: 'not-a-uuid' }, '/topic_uuid', 'format'],
      ['topic', { id: 1.5, name: 'X' }, '/id', 'type'],
      ['department', { department_id: 'TOOLONG', name: 'X' }, '/department_id', 'maxLength'],
      [
        'learning_resource_run',
        { id: 1, learning_resource_id: 1, run_id: '', published: true },
        '/run_id',
        'minLength',
      ],
      [
        'learning_resource_run',
        { id: 1, learning_resource_id: 1, run_id: 'r', published: true, level: ['expert'] },
        '/level/0',
        'enum',
      ],
      ['feed_item', { id: 1, guid: 'g', source_id: 1, title: null }, '/title', 'type'],
      ['feed_event_detail', { feed_item_id: 1 }, '/event_datetime', 'required'],
      [
        'learning_resource_relationship',
        { id: 1, parent_id: 1, child_id: 2, position: 0, relation_type: 'SIBLINGS' },
        '/relation_type',
        'enum',
      ],
      [
        'course',
        {
          learning_resource_id: 1,
          course_numbers: [
            { value: '6.0001', listing_type: 'secondary', sort_coursenum: '06', primary: 'yes' },
          ],
        },
        '/course_numbers/0/listing_type',
        'enum',
      ],
      [
        'video',
        { learning_resource_id: 1, caption_urls: [{ language: 'en' }] },
        '/caption_urls/0/url',
        'required',
      ],
      [
        'learn_integration_resource',
        { readable_id: 'r', title: 't', etl_source: 'ocw', resource_type: 'course' },
        '/last_modified',
        'required',
      ],
      [
        'learning_resource_document',
        { id: 1, readable_id: 'r', resource_type: 'course', title: 't', platform: { code: 'ocw' } },
        '/platform/name',
        'required',
      ],
    ];
    for (const [entity, record, path, keyword] of cases) {
      const v = validateRecord(entity, record);
      expect({ entity, hit: v.some((x) => x.path === path && x.keyword === keyword), v }).toMatchObject({
        entity,
        hit: true,
      });
    }
  });

  it('reports both nested failures of one course number', () => {
    const v = validateRecord('course', {
      learning_resource_id: 1,
      course_numbers: [{ value: '6.0001', listing_type: 'secondary', sort_coursenum: '06', primary: 'yes' }],
    });
    expect(v.map((x) => x.path).sort()).toEqual([
      '/course_numbers/0/listing_type',
      '/course_numbers/0/primary',
    ]);
  });

  it('compile each entity once and reuse it', () => {
    expect(validators.entities()).toEqual([...ENTITY_NAMES]);
    const first = validators.compiled('learning_resource');
    expect(validators.compiled('learning_resource')).toBe(first);
    expect(isValidRecord('learning_resource', validResource)).toBe(true);
    expect(isValidRecord('learning_resource', { ...validResource, id: 'one' })).toBe(false);
  });
});
