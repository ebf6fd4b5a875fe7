import { specProblems } from './acceptance-checks';

test('spec rules: forbidden keywords, closed objects, type arrays, oneOf options', () => {
  expect(
    specProblems({
      type: 'object',
      additionalProperties: false,
      properties: {
        a: { type: ['string', 'integer'] },
        b: { anyOf: [{ type: 'string' }] },
        c: {
          type: 'object',
          oneOf: [{ type: 'object', properties: { d: { $ref: '#/x' } } }, { type: 'string' }],
        },
        e: { type: ['null', 'string'] },
      },
    }),
  ).toEqual([
    'connectionSpecification: additionalProperties must not be false',
    'connectionSpecification.a: a type array must be [T] or [T, "null"]',
    "connectionSpecification.b: 'anyOf' is not allowed in a spec",
    "connectionSpecification.c.oneOf[0].d: '$ref' is not allowed in a spec",
    'connectionSpecification.c.oneOf[1]: each option must be an object',
  ]);
});
