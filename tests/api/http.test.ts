// What /graphql and the other endpoints answer to requests that are not well-formed GraphQL:
// always JSON in GraphQL's error shape with a code, the right status and a translated message,
// never an HTML page, a stack trace or a server path. And who may read the schema.
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { startServer } from '../support/server.js';
import { Client, errorCode } from '../support/graphql.js';

let server: Awaited<ReturnType<typeof startServer>>;
beforeAll(async () => {
  server = await startServer({ databaseUrl: inject('databaseUrl') });
});
afterAll(() => server.close());

const leaks = /\bat .+\.(ts|js|mjs):\d+|\/work\/|node_modules|stacktrace|<html|<pre>/i;

type Headers_ = Record<string, string>;
async function raw({ path = '/graphql', query = '', headers = {}, ...rest }: RequestInit & { path?: string; query?: string; headers?: Headers_ } = {}) {
  const response = await fetch(`${server.url}${path}${query}`, { redirect: 'manual', headers, ...rest });
  const text = await response.text();
  return { status: response.status, headers: response.headers, text, json: () => JSON.parse(text) };
}
const post = (body: string, headers: Headers_ = {}) => raw({ method: 'POST', body, headers: { 'content-type': 'application/json', ...headers } });
const preflighted = { 'apollo-require-preflight': '1' };

//          name, send(headers), status, code, reason, English message
const cases: [string, (h: Headers_) => ReturnType<typeof raw>, number, string, string | undefined, RegExp][] = [
  ['malformed JSON', (h) => post('{"query": ', h), 400, 'BAD_REQUEST', 'MALFORMED_JSON', /not valid JSON/],
  ['a body over the limit', (h) => post(JSON.stringify({ query: `{ __typename } #${'x'.repeat(120_000)}` }), h), 413, 'PAYLOAD_TOO_LARGE', undefined, /too large/],
  ['a charset other than UTF-8', (h) => post('{"query":"{ __typename }"}', { ...h, 'content-type': 'application/json; charset=iso-8859-1' }), 415, 'UNSUPPORTED_MEDIA_TYPE', 'CHARSET', /UTF-8/],
  ['a form post', (h) => raw({ method: 'POST', body: 'query={__typename}', headers: { ...h, 'content-type': 'application/x-www-form-urlencoded' } }), 415, 'UNSUPPORTED_MEDIA_TYPE', undefined, /application\/json/],
  ['text/plain', (h) => raw({ method: 'POST', body: '{"query":"{ __typename }"}', headers: { ...h, 'content-type': 'text/plain' } }), 415, 'UNSUPPORTED_MEDIA_TYPE', undefined, /application\/json/],
  ['an unknown content encoding', (h) => post('{"query":"{ __typename }"}', { ...h, 'content-encoding': 'x-zip' }), 415, 'UNSUPPORTED_MEDIA_TYPE', 'ENCODING', /Content-Encoding/],
  ['a batch', (h) => post('[{"query":"{ __typename }"},{"query":"{ __typename }"}]', h), 400, 'BAD_REQUEST', 'BATCHING', /one GraphQL operation/],
  ['a JSON string', (h) => post('"{ __typename }"', h), 400, 'BAD_REQUEST', 'MISSING_QUERY', /"query"/],
  ['no query', (h) => post('{}', h), 400, 'BAD_REQUEST', 'MISSING_QUERY', /"query"/],
  ['variables that are not an object', (h) => post('{"query":"{ __typename }","variables":"{}"}', h), 400, 'BAD_REQUEST', 'INVALID_PARAMS', /variables/],
  ['a persisted query', (h) => post('{"extensions":{"persistedQuery":{"version":1,"sha256Hash":"abc"}}}', h), 400, 'BAD_REQUEST', 'PERSISTED_QUERY', /Persisted/],
  ['a GET without the CSRF header', (h) => raw({ query: '?query=%7B__typename%7D', headers: h }), 400, 'BAD_REQUEST', 'CSRF', /apollo-require-preflight/],
  ['a GET mutation', (h) => raw({ query: '?query=mutation%7Blogout%7D', headers: { ...h, ...preflighted } }), 405, 'METHOD_NOT_ALLOWED', 'GET_MUTATION', /POST/],
  ['GET variables that are not JSON', (h) => raw({ query: '?query=%7B__typename%7D&variables=%7Bx', headers: { ...h, ...preflighted } }), 400, 'BAD_REQUEST', 'MALFORMED_JSON', /JSON/],
  ['a repeated GET parameter', (h) => raw({ query: '?query=%7B__typename%7D&query=%7B__typename%7D', headers: { ...h, ...preflighted } }), 400, 'BAD_REQUEST', 'INVALID_PARAMS', /fields/],
  ['PUT', (h) => raw({ method: 'PUT', body: '{}', headers: { ...h, 'content-type': 'application/json' } }), 405, 'METHOD_NOT_ALLOWED', undefined, /GET and POST/],
  ['an Accept the server cannot meet', (h) => post('{"query":"{ __typename }"}', { ...h, accept: 'image/png' }), 406, 'NOT_ACCEPTABLE', undefined, /JSON/],
  ['a syntax error', (h) => post('{"query":"{ programme { "}', h), 400, 'GRAPHQL_PARSE_FAILED', undefined, /syntax error/],
  ['an unknown field', (h) => post('{"query":"{ programm { code } }"}', h), 400, 'GRAPHQL_VALIDATION_FAILED', undefined, /does not match/],
  ['two operations and no name', (h) => post('{"query":"query A { __typename } query B { __typename }"}', h), 400, 'OPERATION_RESOLUTION_FAILURE', undefined, /operationName/],
  ['a variable of the wrong type', (h) => post('{"query":"query ($n: Int) { proposals(first: $n) { totalCount } }","variables":{"n":"ten"}}', h), 400, 'BAD_USER_INPUT', undefined, /not right/],
  ['a NUL character in a variable', (h) => post('{"query":"query ($id: ID!) { proposal(id: $id) { id } }","variables":{"id":"a\\u0000"}}', h), 400, 'BAD_USER_INPUT', 'INVALID_TEXT', /characters/],
  ['a lone surrogate in a variable', (h) => post('{"query":"mutation ($u: String!) { login(input: { username: $u, password: \\"x\\" }) { viewer { id } } }","variables":{"u":"\\ud800"}}', h), 400, 'BAD_USER_INPUT', 'INVALID_TEXT', /characters/],
  ['a NUL character in the query text', (h) => post('{"query":"{ proposal(id: \\"\\\\u0000\\") { id } }"}', h), 400, 'BAD_USER_INPUT', 'INVALID_TEXT', /characters/],
  // The other endpoints, outside GraphQL, refuse the same way.
  ['a badly encoded path', (h) => raw({ path: '/api/sdmx/data/%E0%A4%A', headers: h }), 400, 'BAD_REQUEST', undefined, /not in a form/],
  ['a badly encoded live count', (h) => raw({ path: '/live/proposals/%E0%A4%A/tally', headers: h }), 400, 'BAD_REQUEST', undefined, /not in a form/],
  ['an unknown path without a portal', (h) => raw({ path: '/nothing/here', headers: h }), 404, 'NOT_FOUND', undefined, /could not find/],
  ['an over-long string', (h) => post(JSON.stringify({ query: 'mutation ($p: String!) { login(input: { username: "x", password: $p }) { viewer { id } } }', variables: { p: 'x'.repeat(25_000) } }), h), 400, 'BAD_USER_INPUT', 'TOO_LONG', /too long/],
];

describe('refusals on /graphql and the other endpoints', () => {
  it.each(cases)('%s: JSON with its code and status, in Vietnamese by default and English on request', async (_name, send, status, code, reason, english) => {
    const vi = await send({});
    const en = await send({ 'accept-language': 'en-GB,en;q=0.9' });
    for (const response of [vi, en]) {
      expect(response.status, response.text).toBe(status);
      expect(response.headers.get('content-type')).toMatch(/^application\/(graphql-response\+)?json/);
      expect(response.text).not.toMatch(leaks);
      const [error] = response.json().errors;
      expect(error.extensions.code).toBe(code);
      expect(error.extensions.reason).toBe(reason);
    }
    expect(en.json().errors[0].message).toMatch(english);
    expect(vi.json().errors[0].message).not.toBe(en.json().errors[0].message);
  });

  it('sends a browser that opens /graphql to the explorer', async () => {
    const response = await raw({ headers: { accept: 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8' } });
    expect(response.status).toBe(303);
    expect(response.headers.get('location')).toBe('/explorer');
  });

  it('answers GET queries with the CSRF header, as agencies may send them', async () => {
    const response = await raw({ query: '?query=%7Bprogramme%7Bcode%7D%7D', headers: preflighted });
    expect(response.status).toBe(200);
    expect(response.json().data.programme.code).toBe('CT-CTHD-TE-2021-2030');
  });

});

describe('reading the schema', () => {
  const INTROSPECT = '{ __schema { queryType { name } } }';
  const signedIn = async (username: string) => {
    const client = new Client(server.url, 'en').from('192.0.2.210');
    await client.login(username, 'treem-demo-2030');
    return client;
  };

  it('is refused to anonymous callers and to children, with no "Did you mean" hints', async () => {
    const anonymous = await new Client(server.url, 'en').request(INTROSPECT);
    expect(anonymous.errors![0]!.extensions).toEqual({ code: 'UNAUTHENTICATED', reason: 'INTROSPECTION' });
    expect(anonymous.data ?? null).toBeNull();
    const typeQuery = await new Client(server.url).request('{ __type(name: "Proposal") { fields { name } } }');
    expect(errorCode(typeQuery)).toBe('UNAUTHENTICATED');
    const hidden = await new Client(server.url).request('fragment F on Query { __schema { types { name } } } { ...F }');
    expect(errorCode(hidden)).toBe('UNAUTHENTICATED');

    const child = await signedIn('child.demo');
    expect((await child.request(INTROSPECT)).errors![0]!.extensions).toEqual({ code: 'FORBIDDEN', reason: 'INTROSPECTION' });
    for (const client of [new Client(server.url), child]) {
      const typo = await client.request('{ programm { code } }');
      expect(JSON.stringify(typo)).not.toMatch(/Did you mean|programme/);
      const enumTypo = await client.request('query ($s: ProposalState) { proposals(state: $s) { totalCount } }', { s: 'OPE' });
      expect(JSON.stringify(enumTypo)).not.toMatch(/Did you mean|"OPEN"/);
    }
  });

  it('is open to signed-in adults, with hints', async () => {
    const adult = await signedIn('officer.demo');
    expect(await adult.request(INTROSPECT)).toEqual({ data: { __schema: { queryType: { name: 'Query' } } } });
    const typo = await adult.request('{ programm { code } }');
    expect(typo.errors![0]!.extensions!.detail).toMatch(/Did you mean "programme"\?/);
  });

  it('is open to agency systems with an API token', async () => {
    const admin = await signedIn('admin.demo');
    const created = await admin.request('mutation ($input: CreateApiClientInput!) { createApiClient(input: $input) { token } }', { input: { agencyCode: 'SYT', name: 'Schema reader', scopes: ['indicators:read'] } });
    const system = Object.assign(new Client(server.url, 'en'), { bearer: created.data!.createApiClient.token as string });
    expect(await system.request(INTROSPECT)).toEqual({ data: { __schema: { queryType: { name: 'Query' } } } });
  });

  it('__typename alone is not schema reading', async () => {
    expect(await new Client(server.url).request('{ __typename }')).toEqual({ data: { __typename: 'Query' } });
  });
});
