// Property: whatever a caller sends as arguments — any text, numbers, ids, cursors, enum
// names, input objects, signed out or signed in — the API answers with data or a refusal it
// chose (a code other than INTERNAL, a status below 500), never a crash or a leak of its
// insides. The operations are generated from the printed contract, so a new field or argument
// is covered the day it is added. Deterministic: a fixed seed, printed with any counterexample.
import { readFile } from 'node:fs/promises';
import fc from 'fast-check';
import {
  buildSchema, getNamedType, getNullableType, isEnumType, isInputObjectType, isLeafType, isListType, isNonNullType, isObjectType, isInterfaceType,
  type GraphQLField, type GraphQLInputType, type GraphQLNamedType, type GraphQLObjectType, type GraphQLSchema,
} from 'graphql';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { contractPath } from '@treem/api/contract';
import { startServer } from '../support/server.js';
import { globalId } from '../support/graphql.js';

const SEED = 20261130;
const RUNS = Number(process.env.FUZZ_RUNS ?? 20);

let server: Awaited<ReturnType<typeof startServer>>;
let schema: GraphQLSchema;
let realIds: string[] = [];

beforeAll(async () => {
  server = await startServer({ databaseUrl: inject('databaseUrl') });
  schema = buildSchema(await readFile(contractPath, 'utf8'));
  const rows = await Promise.all([
    server.prisma.proposal.findMany({ select: { id: true }, take: 5, orderBy: { state: 'asc' } }).then((r) => r.map(({ id }) => globalId('Proposal', id))),
    server.prisma.council.findMany({ select: { id: true }, take: 3 }).then((r) => r.map(({ id }) => globalId('Council', id))),
    server.prisma.user.findMany({ select: { id: true }, take: 3 }).then((r) => r.map(({ id }) => id)),
  ]);
  realIds = rows.flat();
});
afterAll(() => server.close());

const b64 = (text: string) => Buffer.from(text).toString('base64');
const b64url = (text: string) => Buffer.from(text).toString('base64url');

/** Text that has hurt servers: control characters, lone surrogates, huge and crafted strings. */
const NASTY_TEXT = [
  '', ' ', '\u0000', 'a\u0000b', '\ud800', '\udc00x', 'x'.repeat(25_000), "' OR 1=1 --", '%00', '../../etc/passwd', '{"$ne":null}', '1e999', 'NaN', '-1',
  ...['GPC:N:1e999', 'GPC:S:x', 'GPC:J:{}', 'v1:99999999999999999:x', 'v1:1:a\u0000', 'v1:-1:x', 'Proposal:', ':x', 'Foo:1', 'Query:1', 'ProposalState:1', 'Council:nope', 'Proposal:a\u0000b']
    .flatMap((raw) => [raw, b64(raw), b64url(raw)]),
];
const NASTY_NUMBERS = [0, -1, 101, 1_000_000, 2 ** 31 - 1, -(2 ** 31), 2 ** 53, 1.5, Number.MAX_VALUE];

const nastyText = fc.oneof(
  { arbitrary: fc.constantFrom(...NASTY_TEXT), weight: 3 },
  fc.string(),
  fc.string({ unit: 'binary' }),
  fc.string({ unit: fc.integer({ min: 0, max: 0xffff }).map((code) => String.fromCharCode(code)) }),
  fc.tuple(fc.constantFrom('Proposal', 'Council', 'AdminUnit', 'Agency', 'Task', 'Programme', 'ObjectiveGroup', 'Viewer', 'Node', 'x'), fc.string({ unit: 'binary', maxLength: 40 })).map(([type, id]) => b64(`${type}:${id}`)),
);

function valueFor(type: GraphQLInputType, depth = 0): fc.Arbitrary<unknown> {
  const nullable = !isNonNullType(type);
  const inner = getNullableType(type) as GraphQLInputType;
  let value: fc.Arbitrary<unknown>;
  if (isListType(inner)) {
    value = fc.array(valueFor(inner.ofType as GraphQLInputType, depth + 1), { maxLength: 3 });
  } else if (isEnumType(inner)) {
    value = fc.oneof(fc.constantFrom(...inner.getValues().map((v) => v.name)), nastyText);
  } else if (isInputObjectType(inner)) {
    const fields = Object.values(inner.getFields());
    value = depth > 3
      ? fc.constant({})
      : fc.record(Object.fromEntries(fields.map((field) => [field.name, valueFor(field.type, depth + 1)])), { requiredKeys: fields.filter((f) => isNonNullType(f.type)).map((f) => f.name) });
  } else {
    switch (inner.name) {
      case 'Int':
        value = fc.oneof(fc.integer(), fc.constantFrom(...NASTY_NUMBERS), fc.double(), nastyText);
        break;
      case 'Boolean':
        value = fc.oneof(fc.boolean(), nastyText);
        break;
      case 'ID':
      case 'String':
        value = fc.oneof(nastyText, fc.constantFrom(...realIds));
        break;
      default:
        value = fc.oneof(nastyText, fc.date({ noInvalidDate: true }).map((d) => d.toISOString()), fc.integer());
    }
  }
  return nullable ? fc.option(value, { nil: null }) : value;
}

/** Leaves and a level of objects below them, so field resolvers run too (not only the root). */
function selection(type: GraphQLNamedType, depth: number): string {
  if (isLeafType(type)) return '';
  if (!isObjectType(type) && !isInterfaceType(type)) return '{ __typename }';
  const parts = ['__typename'];
  for (const field of Object.values((type as GraphQLObjectType).getFields())) {
    if (field.args.some((arg) => isNonNullType(arg.type))) continue;
    const named = getNamedType(field.type);
    if (isLeafType(named)) parts.push(field.name);
    else if (depth > 0) parts.push(`${field.name} ${selection(named, depth - 1)}`);
  }
  return `{ ${parts.join(' ')} }`;
}

function operationFor(kind: 'query' | 'mutation', field: GraphQLField<unknown, unknown>) {
  const variables = field.args.map((arg) => `$${arg.name}: ${arg.type.toString()}`).join(', ');
  const args = field.args.map((arg) => `${arg.name}: $${arg.name}`).join(', ');
  return `${kind} Fuzz${variables ? `(${variables})` : ''} { ${field.name}${args ? `(${args})` : ''} ${selection(getNamedType(field.type), 2)} }`;
}

/** A plain, acceptable value of a type, for the arguments a sweep is not probing. */
function plainValue(type: GraphQLInputType): unknown {
  const inner = getNullableType(type) as GraphQLInputType;
  if (isListType(inner)) return [];
  if (isEnumType(inner)) return inner.getValues()[0]!.name;
  if (isInputObjectType(inner)) return Object.fromEntries(Object.values(inner.getFields()).map((field) => [field.name, plainValue(field.type)]));
  if (inner.name === 'Int') return 1;
  if (inner.name === 'Boolean') return true;
  if (inner.name === 'ID') return realIds[0];
  if (inner.name === 'DateTime') return new Date().toISOString();
  return 'plain';
}

/** Every place a value goes: each argument, and each field of each input object, nested. */
function valuePaths(type: GraphQLInputType, path: string[]): { path: string[]; type: GraphQLInputType }[] {
  const inner = getNullableType(type) as GraphQLInputType;
  const here = { path, type };
  if (isInputObjectType(inner)) return [here, ...Object.values(inner.getFields()).flatMap((field) => valuePaths(field.type, [...path, field.name]))];
  if (isListType(inner)) return [here, ...valuePaths(inner.ofType as GraphQLInputType, [...path, '0'])];
  return [here];
}

function setPath(target: Record<string, unknown>, path: string[], value: unknown) {
  const copy = structuredClone(target);
  let node: Record<string, unknown> = copy;
  for (const key of path.slice(0, -1)) {
    node[key] = Array.isArray(node[key]) || typeof node[key] === 'object' && node[key] !== null ? node[key] : /^\d+$/.test(key) ? [] : {};
    node = node[key] as Record<string, unknown>;
  }
  node[path.at(-1)!] = value;
  return copy;
}

function expectChosenAnswer({ status, text }: { status: number; text: string }) {
  expect(status, text).toBeLessThan(500);
  const body = JSON.parse(text) as { errors?: { extensions?: { code?: string } }[] };
  expect(body.errors?.map((e) => e.extensions?.code) ?? [], text.slice(0, 500)).not.toContain('INTERNAL');
  expect(body.errors?.every((e) => typeof e.extensions?.code === 'string') ?? true, text.slice(0, 500)).toBe(true);
  expect(text).not.toMatch(/\bat .+\.(ts|js):\d+|\/work\/|node_modules|stacktrace/);
}

async function send(query: string, variables: Record<string, unknown>, cookie: string | undefined, address: string) {
  const response = await fetch(`${server.url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-forwarded-for': address, ...(cookie ? { cookie } : {}) },
    body: JSON.stringify({ query, variables }),
  });
  const text = await response.text();
  return { status: response.status, text };
}

async function sessionOf(username: string) {
  const response = await fetch(`${server.url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-forwarded-for': '198.51.100.250' },
    body: JSON.stringify({ query: 'mutation ($i: LoginInput!) { login(input: $i) { viewer { id } } }', variables: { i: { username, password: 'treem-demo-2030' } } }),
  });
  const cookie = /treem_session=[^;]+/.exec(response.headers.get('set-cookie') ?? '')?.[0];
  if (!cookie) throw new Error(`could not sign in as ${username}: ${await response.text()}`);
  return cookie;
}

describe('every argument of every operation, with arbitrary input', () => {
  const viewers = [
    { name: 'signed out', username: null },
    { name: 'a child', username: 'child.demo' },
    { name: 'a moderator', username: 'moderator.demo' },
  ] as const;

  for (const viewer of viewers) {
    it(`never answers INTERNAL or 5xx (${viewer.name})`, async () => {
      const cookie = viewer.username ? await sessionOf(viewer.username) : undefined;
      const operations = (['query', 'mutation'] as const).flatMap((kind) => {
        const root = kind === 'query' ? schema.getQueryType()! : schema.getMutationType()!;
        // Signing in or out would replace the session this run is about (and does not depend on it).
        return Object.values(root.getFields()).filter((field) => !(viewer.username && ['login', 'logout'].includes(field.name))).map((field) => ({ kind, field }));
      });
      for (const [index, { kind, field }] of operations.entries()) {
        const query = operationFor(kind, field);
        // Each operation guesses from its own documentation address, so login limits hit nobody else.
        const address = `198.51.100.${index + 1}`;
        // Deterministic sweep: every hostile value in every place a value goes. The rule that
        // refuses them does not depend on the viewer, so signed-in runs only fuzz.
        const plain = Object.fromEntries(field.args.map((arg) => [arg.name, plainValue(arg.type)]));
        for (const { path, type } of viewer.username ? [] : field.args.flatMap((arg) => valuePaths(arg.type, [arg.name]))) {
          const named = getNamedType(type);
          const values = isInputObjectType(getNullableType(type)) || isListType(getNullableType(type)) ? [null, 'text', 7, [], {}] : named.name === 'Int' ? [...NASTY_NUMBERS, 'text'] : NASTY_TEXT;
          for (const value of values) expectChosenAnswer(await send(query, setPath(plain, path, value), cookie, address));
        }
        // Random combinations of all arguments at once.
        const args = fc.record(Object.fromEntries(field.args.map((arg) => [arg.name, valueFor(arg.type)])));
        await fc.assert(
          fc.asyncProperty(args, async (variables) => expectChosenAnswer(await send(query, variables, cookie, address))),
          { seed: SEED + index, numRuns: RUNS, endOnFailure: true },
        );
      }
      // The sweep grows with the contract (every value path of every operation): with the eight
      // tasks' records it sends some thousands of requests, 90 s and more on a busy 2-core machine.
    }, 300_000);
  }
});
