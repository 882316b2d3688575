// graphql-js as patched by this project (patches/README.md): a field that takes no arguments
// gets an empty object of its own instead of the coerced copy graphql-js builds for every field
// of every row, and each object it completes is made by a constructor instead of
// Object.create(null). What resolvers see must not change: an object of their own (one
// resolver writing into its arguments never reaches another), a plain one, and for fields that
// do take arguments the same literals, variables and defaults as before. Nor what clients get:
// objects without Object.prototype, where any alias is an own field.
import { describe, expect, it } from 'vitest';
import { buildSchema, graphql } from 'graphql';

const schema = buildSchema(`
  type Row { a: String  b: String  sized(size: Int = 3, label: String!): String }
  type Query { rows: [Row!]! }
`);
type Args = Record<string, unknown>;
const seen: Args[] = [];
const rootValue = {
  rows: () => [0, 1].map(() => ({
    // Writes into its arguments, as a careless plugin might.
    a: (args: Args) => ((args.leak = 'a'), seen.push(args), 'a'),
    b: (args: Args) => (seen.push(args), JSON.stringify(args)),
    sized: (args: Args) => JSON.stringify(args),
  })),
};

describe('field arguments and completed objects (the patched graphql-js)', () => {
  it('give each field without arguments an empty, plain object of its own', async () => {
    seen.length = 0;
    const result = await graphql({ schema, rootValue, source: '{ rows { a b } }' });
    expect(result.errors).toBeUndefined();
    expect(result.data).toEqual({ rows: [{ a: 'a', b: '{}' }, { a: 'a', b: '{}' }] });
    expect(seen).toHaveLength(4);
    expect(new Set(seen).size).toBe(4);
    for (const args of seen) expect(Object.getPrototypeOf(args)).toBe(Object.prototype);
  });

  it('still coerce literals, variables and defaults for fields that take arguments', async () => {
    const result = await graphql({
      schema,
      rootValue,
      source: 'query ($size: Int, $label: String!) { rows { one: sized(label: "x") two: sized(size: 7, label: $label) three: sized(size: $size, label: "z") } }',
      variableValues: { label: 'y' },
    });
    expect(result.errors).toBeUndefined();
    expect(result.data!.rows).toEqual([0, 1].map(() => ({
      one: JSON.stringify({ size: 3, label: 'x' }),
      two: JSON.stringify({ size: 7, label: 'y' }),
      // A variable left out falls back to the argument's default.
      three: JSON.stringify({ size: 3, label: 'z' }),
    })));
  });

  it('refuse an argument a field does not define, before anything runs', async () => {
    seen.length = 0;
    const result = await graphql({ schema, rootValue, source: '{ rows { a(size: 1) } }' });
    expect(result.errors?.[0]?.message).toBe('Unknown argument "size" on field "Row.a".');
    expect(seen).toHaveLength(0);
  });

  it('complete objects without Object.prototype, where aliases such as __proto__ are own fields', async () => {
    const result = await graphql({ schema, rootValue, source: '{ rows { __proto__: a constructor: b toString: a hasOwnProperty: b } }' });
    expect(result.errors).toBeUndefined();
    const rows = result.data!.rows as Record<string, unknown>[];
    expect(JSON.stringify(rows[0])).toBe('{"__proto__":"a","constructor":"{}","toString":"a","hasOwnProperty":"{}"}');
    for (const object of [result.data!, ...rows]) {
      expect(Object.prototype.isPrototypeOf(object)).toBe(false);
      expect('valueOf' in object).toBe(false);
    }
    expect(Object.keys(rows[1]!)).toEqual(['__proto__', 'constructor', 'toString', 'hasOwnProperty']);
  });
});
