import {
  LEARN_INDEX_NAMES,
  LEARN_INDEX_RESOURCE_TYPES,
  learnIndexDefinition,
  type LearnIndexName,
} from '../../shared-schema/generated/opensearch';
import { SCHEMA_VERSION } from '../../shared-schema/generated/types';

type Mapping = Record<string, any>;

const FIELD_TYPES = new Set([
  'keyword',
  'text',
  'long',
  'integer',
  'float',
  'double',
  'scaled_float',
  'boolean',
  'date',
  'nested',
  'object',
  'join',
]);

/** Every field of a mapping as [dotted path, mapping]. */
function fields(properties: Mapping, prefix = ''): [string, Mapping][] {
  const out: [string, Mapping][] = [];
  for (const [name, m] of Object.entries(properties)) {
    const p = prefix ? `${prefix}.${name}` : name;
    out.push([p, m]);
    if (m.properties) out.push(...fields(m.properties, p));
  }
  return out;
}

const def = (name: LearnIndexName) => learnIndexDefinition(name);
const field = (name: LearnIndexName, dotted: string): Mapping =>
  Object.fromEntries(fields(def(name).mappings.properties))[dotted];

describe('generated OpenSearch index definitions', () => {
  it('one index per indexed resource type (learning paths are not indexed)', () => {
    expect([...LEARN_INDEX_NAMES].sort()).toEqual(
      ['course', 'document', 'podcast', 'podcast_episode', 'program', 'video', 'video_playlist'].sort(),
    );
    for (const n of LEARN_INDEX_NAMES) {
      expect(LEARN_INDEX_RESOURCE_TYPES[n]).toBe(n);
      expect(def(n).mappings._meta).toMatchObject({
        schema_version: SCHEMA_VERSION,
        index: n,
        resource_type: n,
      });
    }
  });

  it('are well formed: known field types, properties only on objects, analyzers defined, strict', () => {
    for (const n of LEARN_INDEX_NAMES) {
      const d = def(n);
      expect(d.mappings.dynamic).toBe('strict');
      const analyzers = Object.keys(d.settings.analysis.analyzer);
      const filters = Object.keys(d.settings.analysis.filter);
      for (const a of Object.values<Mapping>(d.settings.analysis.analyzer)) {
        for (const f of a.filter) expect(['lowercase', ...filters]).toContain(f);
      }
      for (const [p, m] of fields(d.mappings.properties)) {
        expect({ p, known: FIELD_TYPES.has(m.type) }).toEqual({ p, known: true });
        if (m.properties) expect(['nested', 'object']).toContain(m.type);
        if (m.type === 'nested' || m.type === 'object')
          expect(Object.keys(m.properties ?? {}).length).toBeGreaterThan(0);
        if (m.type === 'scaled_float') expect(m.scaling_factor).toBeGreaterThan(0);
        for (const sub of Object.values<Mapping>(m.fields ?? {})) {
          if (sub.analyzer) expect(analyzers).toContain(sub.analyzer);
        }
      }
    }
  });

  it('nest runs, topics, departments, offered_by and their inner lists', () => {
    for (const n of LEARN_INDEX_NAMES) {
      for (const p of [
        'runs',
        'topics',
        'departments',
        'offered_by',
        'platform',
        'delivery',
        'image',
        'resource_prices',
      ]) {
        expect({ n, p, type: field(n, p)?.type }).toEqual({ n, p, type: 'nested' });
      }
      expect(field(n, 'runs.instructors').type).toBe('nested');
      expect(field(n, 'runs.level').type).toBe('nested');
      expect(field(n, 'departments.school').type).toBe('nested');
      expect(field(n, 'runs.prices')).toEqual({ type: 'scaled_float', scaling_factor: 100 });
    }
  });

  it('give text fields an English subfield (and a trigram one where the app has it)', () => {
    const title = field('course', 'title');
    expect(title.type).toBe('text');
    expect(title.fields.english).toEqual({ type: 'text', analyzer: 'custom_english' });
    expect(title.fields.trigram).toEqual({ type: 'text', analyzer: 'trigram' });
    expect(field('course', 'full_description').fields).toEqual({
      english: { type: 'text', analyzer: 'custom_english' },
    });
    expect(field('podcast', 'runs.instructors.full_name').fields.english.analyzer).toBe('custom_english');
    expect(field('video', 'ocw_topics')).toMatchObject({
      type: 'keyword',
      fields: { english: { analyzer: 'custom_english' } },
    });
    for (const n of LEARN_INDEX_NAMES) {
      for (const [p, m] of fields(def(n).mappings.properties)) {
        if (m.type === 'text')
          expect({ p, english: m.fields?.english?.analyzer }).toEqual({ p, english: 'custom_english' });
      }
    }
  });

  it('keep content files as join children in course and program, nested in video and document', () => {
    for (const n of ['course', 'program'] as const) {
      expect(field(n, 'resource_relations')).toEqual({
        type: 'join',
        relations: { resource: 'content_file' },
      });
      expect(field(n, 'content').fields.english.analyzer).toBe('custom_english');
      expect(field(n, 'run_readable_id').type).toBe('keyword');
      expect(field(n, 'content_files')).toBeUndefined();
    }
    for (const n of ['video', 'document'] as const) {
      expect(field(n, 'content_files').type).toBe('nested');
      expect(field(n, 'content_files.content').type).toBe('text');
      expect(field(n, 'resource_relations')).toBeUndefined();
    }
    expect(field('podcast', 'content_files')).toBeUndefined();
  });

  it('put type-specific fields only in their index', () => {
    expect(field('course', 'course.course_numbers').type).toBe('nested');
    expect(field('program', 'course')).toBeUndefined();
    expect(field('video', 'video.transcript').fields.english.analyzer).toBe('custom_english');
    expect(field('course', 'video')).toBeUndefined();
  });

  it('learnIndexDefinition returns a fresh copy with the settings overrides a test server needs', () => {
    const d = learnIndexDefinition('course', { shards: 1, replicas: 0, refreshInterval: '1s' });
    expect(d.settings).toMatchObject({ number_of_shards: 1, number_of_replicas: 0, refresh_interval: '1s' });
    d.mappings.properties.title = { type: 'keyword' };
    expect(learnIndexDefinition('course').settings).toMatchObject({
      number_of_shards: 2,
      number_of_replicas: 2,
      refresh_interval: '60s',
    });
    expect(learnIndexDefinition('course').mappings.properties.title.type).toBe('text');
    expect(() => learnIndexDefinition('courses' as LearnIndexName)).toThrow(/unknown Learn index/);
  });
});
