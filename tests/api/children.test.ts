// The children register: need-to-see through every path, an access-log row for every read and
// refusal, a log nobody can alter, and statistics that hide small cells even when queries are
// differenced. Against the real server and the demo's synthetic children.
import { afterAll, beforeAll, describe, expect, inject, it, vi } from 'vitest';
import { BlobReader, TextWriter, ZipReader, type FileEntry } from '@zip.js/zip.js';
import { runDueJobs } from '@treem/api/jobs';
import { purgeExpiredExports } from '../../api/src/modules/children/jobs.js';
import { startServer } from '../support/server.js';
import { Client, errorCode, globalId, type GraphQLResult } from '../support/graphql.js';
import { councilWithMembers, PASSWORD, registerWard } from '../support/fixtures.js';

let server: Awaited<ReturnType<typeof startServer>>;
const databaseUrl = inject('databaseUrl');
const DEMO_PASSWORD = 'treem-demo-2030';
const PURPOSE = 'CASE_MANAGEMENT: kiểm tra hồ sơ';
/** The wards of protection.demo (and protection.noid.demo), and of protection.other.demo. */
const AREA = ['92.101', '92.102', '92.103'];
const OTHER_AREA = ['92.105', '92.106'];

/** The synthetic children of the demo area (the wards of AREA), as the database holds them. */
let area: { id: string; personalNumber: string | null; givenName: string; familyName: string; birthDate: Date; unitCode: string }[];
let other: typeof area;
let secrets: string[];

const signIn = async (username: string, password = DEMO_PASSWORD) => {
  const client = new Client(server.url, 'en');
  await client.login(username, password);
  return client;
};

beforeAll(async () => {
  server = await startServer({ databaseUrl });
  const rows = await server.prisma.childRecord.findMany({ include: { unit: true }, orderBy: { id: 'asc' } });
  const shape = (r: (typeof rows)[number]) => ({ id: r.id, personalNumber: r.personalNumber, givenName: r.givenName, familyName: r.familyName, birthDate: r.birthDate, unitCode: r.unit.code });
  area = rows.filter((r) => AREA.includes(r.unit.code)).map(shape);
  other = rows.filter((r) => OTHER_AREA.includes(r.unit.code)).map(shape);
  expect(area.length).toBeGreaterThan(20);
  expect(other.length).toBeGreaterThan(5);
  secrets = [...area, ...other].flatMap((r) => [r.personalNumber, r.givenName, r.birthDate.toISOString().slice(0, 10)]).filter((s): s is string => Boolean(s));
});
afterAll(() => server.close());

const LIST = `query ($purpose: String!, $unitCode: String, $search: String, $first: Int, $after: String) {
  childRecords(purpose: $purpose, unitCode: $unitCode, search: $search, first: $first, after: $after) {
    totalCount pageInfo { hasNextPage endCursor }
    edges { node { id identityVisible personalNumber fullName givenName birthDate sex ageBand caseStatus unit { code } guardians { fullName phone relation } circumstances { group } registryLink { status } } }
  }
}`;
const ONE = `query ($id: ID!, $purpose: String!) { childRecord(id: $id, purpose: $purpose) { id fullName personalNumber birthDate identityVisible version } }`;

const accessRows = () => server.prisma.registerAccessLog.count();
const lastAccess = () => server.prisma.registerAccessLog.findFirstOrThrow({ orderBy: { id: 'desc' } });

/** Fails when an answer carries any synthetic child's name, number or birth date. */
function expectNoIdentity(result: GraphQLResult, who: string) {
  const text = JSON.stringify(result);
  for (const secret of secrets) expect(text.includes(secret), `${who} saw "${secret}"`).toBe(false);
}

async function apiClientToken(scopes: string[]) {
  const admin = await signIn('admin.demo');
  const { data } = await admin.request(`mutation ($input: CreateApiClientInput!) { createApiClient(input: $input) { token } }`, {
    input: { agencyCode: 'SLDTBXH', name: `Register probe ${scopes.length}`, scopes },
  });
  return data!.createApiClient.token as string;
}

describe('need-to-see', () => {
  it('refuses every record to everyone but the protection officers of the area, through every path, and logs each refusal', async () => {
    const { children, moderator } = await councilWithMembers(server.prisma, { members: 1 });
    const allScopes = ['programme:read', 'programme:write', 'indicators:read', 'indicators:write', 'services:write', 'referrals:read', 'referrals:write'];
    const actors: [string, Client, string][] = [
      ['anonymous', new Client(server.url, 'en'), 'UNAUTHENTICATED'],
      ['child', await signIn(children[0]!.username, PASSWORD), 'FORBIDDEN'],
      ['demo child', await signIn('child.demo'), 'FORBIDDEN'],
      ['moderator', await signIn(moderator.username, PASSWORD), 'FORBIDDEN'],
      ['agency officer', await signIn('officer.demo'), 'FORBIDDEN'],
      ['programme admin', await signIn('admin.demo'), 'FORBIDDEN'],
      ['API client with every scope', Object.assign(new Client(server.url, 'en'), { bearer: await apiClientToken(allScopes) }), 'FORBIDDEN'],
    ];
    const target = area.find((r) => r.personalNumber)!;
    for (const [who, client, code] of actors) {
      const calls: [string, string, Record<string, unknown>][] = [
        ['list', LIST, { purpose: PURPOSE }],
        ['search by number', LIST, { purpose: PURPOSE, search: target.personalNumber }],
        ['search by name', LIST, { purpose: PURPOSE, search: target.givenName }],
        ['one record', ONE, { id: target.id, purpose: PURPOSE }],
        ['an unknown id', ONE, { id: 'cxxxxxxxxxxxxxxxxxxxxxxxx', purpose: PURPOSE }],
        ['update', `mutation ($input: UpdateChildRecordInput!) { updateChildRecord(input: $input) { id } }`, { input: { id: target.id, version: 0, purpose: PURPOSE, caseStatus: 'CLOSED' } }],
        ['export', `mutation ($input: CreateRegisterExportInput!) { createRegisterExport(input: $input) { id } }`, { input: { purpose: PURPOSE, password: 'a long enough password' } }],
        ['verify', `mutation ($input: RequestRegistryVerificationInput!) { requestRegistryVerification(input: $input) { id } }`, { input: { childId: target.id, purpose: PURPOSE } }],
      ];
      for (const [what, query, variables] of calls) {
        const before = await accessRows();
        const result = await client.request(query, variables);
        expect(errorCode(result), `${who}: ${what}`).toBe(code);
        expect(result.data ?? null, `${who}: ${what}`).toBeNull();
        expectNoIdentity(result, `${who}: ${what}`);
        expect(await accessRows(), `${who}: ${what} is logged`).toBe(before + 1);
        expect(await lastAccess(), `${who}: ${what}`).toMatchObject({ outcome: 'REFUSED', refusal: code });
      }
      // The Relay node field never reaches a record, whatever id is guessed.
      for (const id of [target.id, globalId('ChildRecord', target.id), globalId('Guardian', target.id)]) {
        const result = await client.request('query ($id: ID!) { node(id: $id) { id } }', { id });
        expect(result.data?.node ?? null, `${who}: node`).toBeNull();
        expectNoIdentity(result, `${who}: node`);
      }
      expectNoIdentity(await client.request('{ childStatistics(unitCode: "92", by: [UNIT, SEX, AGE_BAND, CIRCUMSTANCE]) { unitCode count } }'), `${who}: statistics`);
    }
    // Nothing changed.
    expect(await server.prisma.childRecord.count({ where: { caseStatus: 'CLOSED' } })).toBe(0);
  });

  it('gives an officer of another area nothing of this one, and answers an id from there like an unknown id', async () => {
    const officer = await signIn('protection.other.demo');
    const inArea = area.find((r) => r.personalNumber)!;
    const foreign = await officer.request(ONE, { id: inArea.id, purpose: PURPOSE });
    const unknown = await officer.request(ONE, { id: 'c0000000000000000000000000', purpose: PURPOSE });
    expect(errorCode(foreign)).toBe('NOT_FOUND');
    expect(foreign.errors![0]!.message).toBe(unknown.errors![0]!.message);
    expect(foreign).toEqual({ ...unknown, errors: foreign.errors });
    expect(await lastAccess()).toMatchObject({ action: 'READ', outcome: 'REFUSED', refusal: 'NOT_FOUND', purposeCode: 'CASE_MANAGEMENT' });

    const list = await officer.request(LIST, { purpose: PURPOSE, first: 100 });
    const ids = list.data!.childRecords.edges.map((e: { node: { id: string } }) => e.node.id);
    expect(ids.sort()).toEqual(other.map((r) => r.id).sort());
    const search = await officer.request(LIST, { purpose: PURPOSE, search: inArea.personalNumber });
    expect(search.data!.childRecords.totalCount).toBe(0);
    expect(errorCode(await officer.request(LIST, { purpose: PURPOSE, unitCode: '92.101' }))).toBe('FORBIDDEN');
    expect(list.data!.childRecords.edges.every((e: { node: { unit: { code: string } } }) => OTHER_AREA.includes(e.node.unit.code))).toBe(true);

    // A cursor made from a record of this area is only a position: it reveals nothing.
    const cursor = Buffer.from(`child:${inArea.id}`).toString('base64url');
    const paged = await officer.request(LIST, { purpose: PURPOSE, after: cursor, first: 100 });
    expect(paged.data!.childRecords.edges.every((e: { node: { unit: { code: string } } }) => OTHER_AREA.includes(e.node.unit.code))).toBe(true);
    expect(errorCode(await officer.request(LIST, { purpose: PURPOSE, after: 'bm90LWEtY3Vyc29y' }))).toBe('BAD_USER_INPUT');
  });

  it('shows an officer without the identity right the cases, refuses the names, birth dates and numbers, and a search', async () => {
    const officer = await signIn('protection.noid.demo');
    const before = await accessRows();
    const { data, errors } = await officer.request(LIST, { purpose: PURPOSE, first: 100 });
    // Every identity field asked for is refused on its own path; the rest of the case is there.
    expect(errors!.length).toBeGreaterThan(0);
    for (const error of errors!) expect(error.extensions).toMatchObject({ code: 'FORBIDDEN', reason: 'IDENTITY' });
    expect(new Set(errors!.map((e) => e.path!.at(-1)))).toEqual(new Set(['personalNumber', 'fullName', 'givenName', 'birthDate']));
    expect(data!.childRecords.totalCount).toBe(area.length);
    for (const { node } of data!.childRecords.edges) {
      expect(node).toMatchObject({ identityVisible: false, personalNumber: null, fullName: null, givenName: null, birthDate: null });
      expect(node.ageBand).not.toBeNull();
      for (const guardian of node.guardians) expect(guardian).toMatchObject({ fullName: null, phone: null });
    }
    expectNoIdentity({ data, errors }, 'officer without identity right');
    expect(await accessRows()).toBe(before + 2);
    expect(await lastAccess()).toMatchObject({ action: 'LIST', outcome: 'REFUSED', refusal: 'FORBIDDEN', filter: { identity: 'withheld' } });

    const target = area.find((r) => r.personalNumber)!;
    const one = await officer.request(ONE, { id: target.id, purpose: PURPOSE });
    expect(one.data!.childRecord).toMatchObject({ id: target.id, identityVisible: false, fullName: null, personalNumber: null, birthDate: null });
    expectNoIdentity(one, 'officer without identity right: one record');
    const search = await officer.request(LIST, { purpose: PURPOSE, search: target.personalNumber });
    expect(search.errors![0]!.extensions).toMatchObject({ code: 'FORBIDDEN', reason: 'IDENTITY' });
    expect(search.data ?? null).toBeNull();
    expectNoIdentity(search, 'officer without identity right: search');
    expect(errorCode(await officer.request(`mutation ($input: CreateRegisterExportInput!) { createRegisterExport(input: $input) { id } }`, { input: { purpose: PURPOSE, password: 'a long enough password' } }))).toBe('FORBIDDEN');
  });

  it('lets the officer of the area read, search and page with a stated purpose, each read logged with ids and purpose', async () => {
    const officer = await signIn('protection.demo');
    const seen: string[] = [];
    let after: string | null = null;
    do {
      const before = await accessRows();
      const result: GraphQLResult = await officer.request(LIST, { purpose: PURPOSE, first: 10, after });
      expect(result.errors).toBeUndefined();
      const page: { pageInfo: { hasNextPage: boolean; endCursor: string }; edges: { node: { id: string } }[] } = result.data!.childRecords;
      seen.push(...page.edges.map((e: { node: { id: string } }) => e.node.id));
      expect(await accessRows()).toBe(before + 1);
      expect(await lastAccess()).toMatchObject({ action: 'LIST', outcome: 'ALLOWED', purposeCode: 'CASE_MANAGEMENT', purposeNote: 'kiểm tra hồ sơ', recordIds: page.edges.map((e: { node: { id: string } }) => e.node.id), resultCount: area.length });
      after = page.pageInfo.hasNextPage ? page.pageInfo.endCursor : null;
    } while (after);
    expect(seen).toEqual(area.map((r) => r.id));

    const target = area.find((r) => r.personalNumber)!;
    const byNumber = await officer.request(LIST, { purpose: 'FOLLOW_UP_VISIT', search: target.personalNumber });
    expect(byNumber.data!.childRecords.edges.map((e: { node: { id: string; personalNumber: string } }) => e.node)).toEqual([expect.objectContaining({ id: target.id, personalNumber: target.personalNumber })]);
    const search = await lastAccess();
    expect(search).toMatchObject({ action: 'SEARCH', recordIds: [target.id], purposeCode: 'FOLLOW_UP_VISIT', filter: { search: true } });
    expect(JSON.stringify(search, (_k, v) => (typeof v === 'bigint' ? v.toString() : v))).not.toContain(target.personalNumber);

    const byName = await officer.request(LIST, { purpose: PURPOSE, search: `mẫu ${target.givenName.toLowerCase()}` });
    expect(byName.data!.childRecords.edges.map((e: { node: { id: string } }) => e.node.id)).toContain(target.id);

    const one = await officer.request(ONE, { id: target.id, purpose: 'Thăm hộ gia đình theo kế hoạch' });
    expect(one.data!.childRecord).toMatchObject({ id: target.id, identityVisible: true, personalNumber: target.personalNumber, birthDate: target.birthDate.toISOString().slice(0, 10) });
    expect(await lastAccess()).toMatchObject({ action: 'READ', outcome: 'ALLOWED', recordIds: [target.id], purposeCode: 'OTHER', purposeNote: 'Thăm hộ gia đình theo kế hoạch' });
  });

  it('requires a purpose, refuses one that carries a number, and never echoes input in an error', async () => {
    const officer = await signIn('protection.demo');
    const target = area.find((r) => r.personalNumber)!;
    for (const purpose of ['', '  ', 'OTHER', `CASE_MANAGEMENT: ${target.personalNumber}`]) {
      const result = await officer.request(ONE, { id: target.id, purpose });
      expect(result.errors![0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'PURPOSE' });
      expect(JSON.stringify(result)).not.toContain(target.personalNumber!);
      expect(await lastAccess()).toMatchObject({ outcome: 'REFUSED', refusal: 'BAD_USER_INPUT', purposeNote: null });
    }
    for (const search of ['1234', target.personalNumber!.slice(0, 8), 'Ỹ']) {
      const result = await officer.request(LIST, { purpose: PURPOSE, search });
      expect(result.errors![0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'SEARCH' });
      expect(JSON.stringify(result.errors)).not.toContain(search);
    }
    const unit = await officer.request(LIST, { purpose: PURPOSE, unitCode: target.givenName });
    expect(unit.errors![0]!.extensions).toMatchObject({ reason: 'UNKNOWN_UNIT' });
    expect(JSON.stringify(unit.errors)).not.toContain(target.givenName);
    const logged = await server.prisma.registerAccessLog.findMany({ orderBy: { id: 'desc' }, take: 20 });
    for (const secret of secrets) expect(JSON.stringify(logged, (_k, v) => (typeof v === 'bigint' ? v.toString() : v)).includes(secret)).toBe(false);
  });

  it('creates a record only with a valid personal number in a ward of the officer’s scope, and changes it only at its version', async () => {
    // A ward of its own, so nothing here moves the demo's statistics or another file's counts.
    const { key, officer: officerUser, withoutIdentity } = await registerWard(server.prisma);
    const officer = await signIn(officerUser.username, PASSWORD);
    const CREATE = `mutation ($input: CreateChildRecordInput!) { createChildRecord(input: $input) { id version fullName personalNumber ageBand unit { code } registryLink { status attempts } } }`;
    const input = { purpose: PURPOSE, familyName: 'Mẫu', middleName: 'Demo', givenName: 'Thử Tạo', birthDate: '2014-05-06', sex: 'FEMALE', unitCode: `T-${key}`, circumstances: ['DISABILITY'], guardians: [{ fullName: 'Người giám hộ Mẫu', relation: 'MOTHER' }] };
    for (const personalNumber of ['00031400000', '999314000001', '000114000001', '000214000001', '000315000001']) {
      const refused = await officer.request(CREATE, { input: { ...input, personalNumber } });
      expect(refused.errors![0]!.extensions, personalNumber).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'PERSONAL_NUMBER' });
    }
    expect(errorCode(await officer.request(CREATE, { input: { ...input, personalNumber: '000314999001', unitCode: '92.101' } }))).toBe('FORBIDDEN');
    const created = await officer.request(CREATE, { input: { ...input, personalNumber: '000314999001' } });
    const record = created.data!.createChildRecord;
    expect(record).toMatchObject({ fullName: 'Mẫu Demo Thử Tạo', personalNumber: '000314999001', ageBand: 'AGE_11_15', unit: { code: `T-${key}` }, registryLink: { status: null, attempts: 0 } });
    expect(await lastAccess()).toMatchObject({ action: 'CREATE', outcome: 'ALLOWED', recordIds: [record.id] });
    expect(errorCode(await officer.request(CREATE, { input: { ...input, personalNumber: '000314999001' } }))).toBe('CONFLICT');

    const UPDATE = `mutation ($input: UpdateChildRecordInput!) { updateChildRecord(input: $input) { caseStatus version circumstances { group } } }`;
    const updated = await officer.request(UPDATE, { input: { id: record.id, version: record.version, purpose: PURPOSE, caseStatus: 'MONITORING', circumstances: ['DISABILITY', 'ORPHANED'] } });
    expect(updated.data!.updateChildRecord).toEqual({ caseStatus: 'MONITORING', version: record.version + 1, circumstances: [{ group: 'ORPHANED' }, { group: 'DISABILITY' }] });
    expect(await lastAccess()).toMatchObject({ action: 'UPDATE', outcome: 'ALLOWED', recordIds: [record.id], filter: { fields: ['caseStatus', 'circumstances'] } });
    const stale = await officer.request(UPDATE, { input: { id: record.id, version: record.version, purpose: PURPOSE, caseStatus: 'OPEN' } });
    expect(errorCode(stale)).toBe('CONFLICT');

    const noIdentity = await signIn(withoutIdentity.username, PASSWORD);
    const rename = await noIdentity.request(UPDATE, { input: { id: record.id, version: record.version + 1, purpose: PURPOSE, givenName: 'Khác' } });
    expect(rename.errors![0]!.extensions).toMatchObject({ code: 'FORBIDDEN', reason: 'IDENTITY' });
    const elsewhere = await signIn('protection.demo');
    expect(errorCode(await elsewhere.request(UPDATE, { input: { id: record.id, version: record.version + 1, purpose: PURPOSE, caseStatus: 'CLOSED' } }))).toBe('NOT_FOUND');
    expect(await server.prisma.childRecord.findUniqueOrThrow({ where: { id: record.id } })).toMatchObject({ caseStatus: 'MONITORING', givenName: 'Thử Tạo' });
  });
});

describe('the register access log', () => {
  it('takes rows but refuses UPDATE, DELETE and TRUNCATE, and its owner holds no privilege to do them', async () => {
    const { prisma } = server;
    const row = await prisma.registerAccessLog.findFirstOrThrow({ orderBy: { id: 'desc' } });
    await expect(prisma.$executeRaw`UPDATE "RegisterAccessLog" SET "outcome" = 'ALLOWED' WHERE "id" = ${row.id}`).rejects.toThrow(/append-only|permission denied/);
    await expect(prisma.$executeRaw`DELETE FROM "RegisterAccessLog" WHERE "id" = ${row.id}`).rejects.toThrow(/append-only|permission denied/);
    await expect(prisma.$executeRawUnsafe('TRUNCATE "RegisterAccessLog"')).rejects.toThrow(/append-only|permission denied/);
    const grants = await prisma.$queryRaw<{ privilege: string }[]>`
      SELECT a.privilege_type AS privilege FROM pg_class c, aclexplode(c.relacl) a
      WHERE c.relname = 'RegisterAccessLog' AND a.privilege_type IN ('UPDATE', 'DELETE', 'TRUNCATE')`;
    expect(grants).toEqual([]);
    expect(await prisma.registerAccessLog.findUniqueOrThrow({ where: { id: row.id } })).toEqual(row);
  });

  it('is read by programme admins and officers with the audit right, and the reading is logged too', async () => {
    const query = '{ registerAuditLog(first: 5) { edges { node { action outcome refusal recordIds purposeCode actorName } } pageInfo { hasNextPage endCursor } } }';
    for (const username of ['admin.demo', 'protection.demo']) {
      const { data, errors } = await (await signIn(username)).request(query);
      expect(errors).toBeUndefined();
      expect(data!.registerAuditLog.edges).toHaveLength(5);
      expectNoIdentity({ data }, username);
      expect(await lastAccess()).toMatchObject({ action: 'AUDIT_REVIEW', outcome: 'ALLOWED' });
    }
    for (const username of ['protection.noid.demo', 'protection.other.demo', 'officer.demo']) {
      expect(errorCode(await (await signIn(username)).request(query)), username).toBe('FORBIDDEN');
      expect(await lastAccess()).toMatchObject({ action: 'AUDIT_REVIEW', outcome: 'REFUSED' });
    }
  });
});

describe('exports', () => {
  afterAll(() => vi.useRealTimers());

  it('are AES-256 ZIP files opened only with the officer’s password, downloadable by the officer until they expire', async () => {
    const officer = await signIn('protection.demo');
    const created = await officer.request(`mutation ($input: CreateRegisterExportInput!) { createRegisterExport(input: $input) { id recordCount expiresAt } }`, {
      input: { purpose: 'SUPERVISION: báo cáo quý', password: 'mật khẩu đủ dài 2030', unitCode: '92.101' },
    });
    expect(created.errors).toBeUndefined();
    const { id, recordCount, expiresAt } = created.data!.createRegisterExport;
    expect(recordCount).toBe(area.filter((r) => r.unitCode === '92.101').length);
    expect(await lastAccess()).toMatchObject({ action: 'EXPORT', outcome: 'ALLOWED', resultCount: recordCount });

    const DOWNLOAD = 'query ($id: ID!) { registerExportFile(id: $id) { fileName contentBase64 } }';
    const file = await officer.request(DOWNLOAD, { id });
    const bytes = Buffer.from(file.data!.registerExportFile.contentBase64, 'base64');
    expect(bytes.includes(Buffer.from('Mẫu'))).toBe(false);
    const entries = await new ZipReader(new BlobReader(new Blob([bytes])), { password: 'mật khẩu đủ dài 2030' }).getEntries();
    expect(entries[0]!.encrypted).toBe(true);
    const [entry] = entries as FileEntry[];
    const csv = await entry!.getData(new TextWriter());
    expect(csv.split('\r\n').filter(Boolean)).toHaveLength(recordCount + 1);
    expect(csv).toContain(area.find((r) => r.unitCode === '92.101' && r.personalNumber)!.personalNumber);
    const wrong = await new ZipReader(new BlobReader(new Blob([bytes])), { password: 'not the password' }).getEntries();
    await expect((wrong[0] as FileEntry).getData(new TextWriter())).rejects.toThrow();
    expect(await lastAccess()).toMatchObject({ action: 'DOWNLOAD', outcome: 'ALLOWED' });

    for (const username of ['protection.other.demo', 'protection.noid.demo', 'admin.demo']) {
      const refused = await (await signIn(username)).request(DOWNLOAD, { id });
      expect(refused.data ?? null).toBeNull();
      expect(['NOT_FOUND', 'FORBIDDEN']).toContain(errorCode(refused));
    }
    expect(errorCode(await officer.request(`mutation ($input: CreateRegisterExportInput!) { createRegisterExport(input: $input) { id } }`, { input: { purpose: PURPOSE, password: 'short' } }))).toBe('BAD_USER_INPUT');

    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date(expiresAt).getTime() + 60_000);
    await server.prisma.$transaction((tx) => purgeExpiredExports.enqueue(tx, {}));
    await runDueJobs({ prisma: server.prisma, databaseUrl });
    vi.useRealTimers();
    expect(await server.prisma.registerExport.findUnique({ where: { id } })).toBeNull();
    expect(errorCode(await officer.request(DOWNLOAD, { id }))).toBe('NOT_FOUND');
  });
});
