import { loadSchemaSet } from '../../runner/schema/load-schema-set';
import { SchemaDefinitionError } from '../../runner/schema/schema-errors';
import { tempDir } from '../support/tmp';
import { copySchemaDir, editEntity, editManifest, writeEntityText } from './support/schema-copy';
import { runCli } from './support/run-cli';

let scratch: ReturnType<typeof tempDir>;
beforeEach(() => {
  scratch = tempDir('learnflow-schema-errors-');
  copySchemaDir(scratch.dir);
});
afterEach(() => scratch.cleanup());

function issuesOf(dir: string): { file: string; pointer: string; message: string }[] {
  try {
    loadSchemaSet(dir);
  } catch (e) {
    expect(e).toBeInstanceOf(SchemaDefinitionError);
    return (e as SchemaDefinitionError).issues;
  }
  throw new Error('the schema loaded without errors');
}

describe('an invalid schema fails naming the file and the JSON pointer', () => {
  it('the repository schema loads cleanly', () => {
    expect(loadSchemaSet(scratch.dir).entities.length).toBeGreaterThan(30);
  });

  it('a JSON Schema error (bad type name)', () => {
    editEntity(scratch.dir, 'platform', (d) => (d.properties.name.type = 'strng'));
    expect(issuesOf(scratch.dir)).toContainEqual(
      expect.objectContaining({ file: 'schemas/platform.schema.json', pointer: '/properties/name/type' }),
    );
  });

  it('a primary key naming a column that does not exist', () => {
    editEntity(scratch.dir, 'instructor', (d) => (d['x-primary-key'] = ['instructor_id']));
    expect(issuesOf(scratch.dir)).toContainEqual({
      file: 'schemas/instructor.schema.json',
      pointer: '/x-primary-key/0',
      message: 'no property "instructor_id"',
    });
  });

  it('a foreign key to an unknown entity, and one to a non-key column', () => {
    editEntity(scratch.dir, 'learning_resource', (d) => {
      d['x-foreign-keys'][0].references.entity = 'platforms';
      d['x-foreign-keys'][1].references.columns = ['professional'];
    });
    const issues = issuesOf(scratch.dir);
    expect(issues).toContainEqual(
      expect.objectContaining({
        file: 'schemas/learning_resource.schema.json',
        pointer: '/x-foreign-keys/0/references/entity',
      }),
    );
    expect(issues).toContainEqual(
      expect.objectContaining({
        file: 'schemas/learning_resource.schema.json',
        pointer: '/x-foreign-keys/1/references/columns',
      }),
    );
  });

  it('a malformed Learn keyword (x-db-type)', () => {
    editEntity(scratch.dir, 'price', (d) => (d.properties.amount['x-db-type'] = 'money'));
    expect(issuesOf(scratch.dir)).toContainEqual(
      expect.objectContaining({ file: 'schemas/price.schema.json', pointer: '/properties/amount/x-db-type' }),
    );
  });

  it('an optional non-null field without a default, and a required name that is not a property', () => {
    editEntity(scratch.dir, 'school', (d) => {
      d.properties.motto = { type: 'string' };
      d.required.push('dean');
    });
    const issues = issuesOf(scratch.dir);
    expect(issues).toContainEqual(
      expect.objectContaining({ file: 'schemas/school.schema.json', pointer: '/properties/motto' }),
    );
    expect(issues).toContainEqual(
      expect.objectContaining({ file: 'schemas/school.schema.json', pointer: '/required/2' }),
    );
  });

  it('a view column whose source path does not resolve', () => {
    editEntity(
      scratch.dir,
      'learn_integration_resource',
      (d) => (d.properties.topics['x-source'].path[1].follow = 'topic'),
    );
    expect(issuesOf(scratch.dir)).toContainEqual(
      expect.objectContaining({
        file: 'schemas/learn_integration_resource.schema.json',
        pointer: '/properties/topics/x-source/path',
      }),
    );
  });

  it('a file that is not JSON, and an entity listed without a file', () => {
    writeEntityText(scratch.dir, 'image', '{ "type": "object", ');
    editManifest(scratch.dir, (d) => d.entities.push('syllabus'));
    const issues = issuesOf(scratch.dir);
    expect(issues).toContainEqual(
      expect.objectContaining({ file: 'schemas/image.schema.json', pointer: '' }),
    );
    expect(issues.find((i) => i.file === 'schemas/image.schema.json')!.message).toMatch(/not valid JSON/);
    expect(issues).toContainEqual({
      file: 'schema.json',
      pointer: `/entities/${36}`,
      message: 'no file schemas/syllabus.schema.json',
    });
  });

  it('learnflow schema generate exits 1 and prints file#pointer', async () => {
    editEntity(scratch.dir, 'video_channel', (d) => (d['x-unique'] = [['channel_name']]));
    const r = await runCli(['schema', 'generate', '--schema-dir', scratch.dir], scratch.dir);
    expect(r.code).toBe(1);
    expect(r.log).toContain('schemas/video_channel.schema.json#/x-unique/0/0: no property "channel_name"');
  });
});

describe('ajv strict-mode errors', () => {
  let scratch: ReturnType<typeof tempDir>;
  beforeEach(() => {
    scratch = tempDir('learnflow-schema-strict-');
    copySchemaDir(scratch.dir);
  });
  afterEach(() => scratch.cleanup());

  it('a keyword that does not fit the type points at the property', () => {
    editEntity(scratch.dir, 'instructor', (d) => (d.properties.full_name.type = 'integer'));
    expect(issuesOf(scratch.dir)).toContainEqual(
      expect.objectContaining({ file: 'schemas/instructor.schema.json', pointer: '/properties/full_name' }),
    );
  });
});

describe('errors found while generating', () => {
  let scratch: ReturnType<typeof tempDir>;
  beforeEach(() => {
    scratch = tempDir('learnflow-schema-gen-errors-');
    copySchemaDir(scratch.dir);
  });
  afterEach(() => scratch.cleanup());

  it('a foreign-key cycle between tables names the file and the cycle', async () => {
    editEntity(scratch.dir, 'image', (d) => {
      d.properties.resource_id = { type: ['integer', 'null'], 'x-db-type': 'bigint' };
      d['x-foreign-keys'] = [
        { columns: ['resource_id'], references: { entity: 'learning_resource', columns: ['id'] } },
      ];
    });
    const r = await runCli(['schema', 'generate', '--schema-dir', scratch.dir], scratch.dir);
    expect(r.code).toBe(1);
    expect(r.log).toMatch(
      /schemas\/\w+\.schema\.json#\/x-foreign-keys: foreign keys form a cycle: .*learning_resource.*image/,
    );
  });

  it('a content-file field mapped differently from the resource field it merges with', async () => {
    editEntity(
      scratch.dir,
      'content_file_document',
      (d) => (d.properties.title = { type: ['string', 'null'] }),
    );
    const r = await runCli(['schema', 'generate', '--schema-dir', scratch.dir], scratch.dir);
    expect(r.code).toBe(1);
    expect(r.log).toContain(
      'schemas/content_file_document.schema.json#/properties: conflicts with learning_resource_document',
    );
    expect(r.log).toContain('course.title');
  });
});
