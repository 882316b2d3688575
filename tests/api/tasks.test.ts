// The eight tasks at work (issue 10): public task pages' data, summaries that equal the rows'
// sums, keyset pages and filters, the service directory, restricted inspections, and every
// create/update mutation with an allowed and a refused actor, a stale version and its history.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { startServer } from '../support/server.js';
import { Client, errorCode, globalId, type GraphQLResult } from '../support/graphql.js';
import { councilWithMembers, PASSWORD } from '../support/fixtures.js';

let server: Awaited<ReturnType<typeof startServer>>;
const DEMO_PASSWORD = 'treem-demo-2030';
const actors = {} as Record<'anonymous' | 'child' | 'education' | 'social' | 'admin' | 'writer' | 'reader' | 'servicesOnly' | 'programmeOnly', Client>;

const signIn = async (username: string, password = DEMO_PASSWORD) => {
  const client = new Client(server.url, 'en');
  await client.login(username, password);
  return client;
};
const withToken = (token: string) => Object.assign(new Client(server.url, 'en'), { bearer: token });

async function apiClient(admin: Client, agencyCode: string, scopes: string[]) {
  const result = await admin.request('mutation ($input: CreateApiClientInput!) { createApiClient(input: $input) { token } }', {
    input: { agencyCode, name: `Test system ${randomUUID().slice(0, 6)}`, scopes },
  });
  expect(result.errors).toBeUndefined();
  return withToken(result.data!.createApiClient.token);
}

beforeAll(async () => {
  server = await startServer({ databaseUrl: inject('databaseUrl') });
  const { children } = await councilWithMembers(server.prisma, { members: 1 });
  actors.anonymous = new Client(server.url, 'en');
  actors.child = await signIn(children[0]!.username, PASSWORD);
  actors.education = await signIn('officer.demo'); // SGDDT
  actors.social = await signIn('officer.social.demo'); // SLDTBXH
  actors.admin = await signIn('admin.demo');
  actors.writer = await apiClient(actors.admin, 'SGDDT', ['programme:write', 'services:write']);
  actors.reader = await apiClient(actors.admin, 'SGDDT', ['programme:read']);
  actors.servicesOnly = await apiClient(actors.admin, 'SGDDT', ['services:write']);
  actors.programmeOnly = await apiClient(actors.admin, 'SGDDT', ['programme:write', 'programme:read']);
});
afterAll(() => server.close());

const ok = <T = Record<string, any>>(result: GraphQLResult<T>) => {
  expect(result.errors).toBeUndefined();
  return result.data!;
};

const sum = (values: bigint[]) => values.reduce((a, b) => a + b, 0n);

describe('task pages (public)', () => {
  const TASK = `query ($n: Int!, $year: Int, $unit: String) {
    task(number: $n) {
      number titleVi leadAgency { code } assignments { role agency { code } }
      activities(first: 5, year: $year, unitCode: $unit) { totalCount edges { node { titleVi status year demo unit { code } } } }
      activitySummary(year: $year, unitCode: $unit) { status count }
      budgetSummary(year: $year, unitCode: $unit) { source planned disbursed }
    }
  }`;

  it('has demo activities and a budget for each of the eight tasks, readable by anyone', async () => {
    for (let n = 1; n <= 8; n++) {
      const { task } = ok(await actors.anonymous.request(TASK, { n }));
      expect(task.number).toBe(n);
      // Other test files add activities of their own to the same database: count the demo ones.
      const demo = await server.prisma.activity.count({ where: { task: { number: n }, demo: true } });
      expect(demo).toBeGreaterThan(0);
      expect(task.activities.totalCount).toBeGreaterThanOrEqual(demo);
      expect(task.activities.edges.length).toBe(Math.min(5, task.activities.totalCount));
      expect(task.budgetSummary.map((b: any) => b.source)).toEqual(['STATE_BUDGET', 'SOCIAL_MOBILISATION', 'INTERNATIONAL']);
      expect(BigInt(task.budgetSummary[0].planned)).toBeGreaterThan(0n);
    }
  });

  it('sums budgets by source, per year and unit or across units, exactly as the budget lines add up', async () => {
    let linesSeen = 0;
    for (const [n, year, unit] of [[5, undefined, undefined], [1, 2023, undefined], [3, 2026, '92.101'], [7, 2022, '916'], [8, 2025, null]] as const) {
      const { task } = ok(await actors.anonymous.request(TASK, { n, year, unit }));
      const lines = await server.prisma.budgetLine.findMany({
        where: { activity: { task: { number: n }, ...(year ? { year } : {}), ...(unit ? { unit: { OR: [{ code: unit }, { parent: { code: unit } }] } } : {}) } },
        select: { source: true, plannedVnd: true, disbursedVnd: true },
      });
      linesSeen += lines.length;
      for (const row of task.budgetSummary) {
        const of = lines.filter((l) => l.source === row.source);
        expect([row.source, BigInt(row.planned), BigInt(row.disbursed)]).toEqual([row.source, sum(of.map((l) => l.plannedVnd)), sum(of.map((l) => l.disbursedVnd))]);
      }
      const activities = await server.prisma.activity.findMany({
        where: { task: { number: n }, ...(year ? { year } : {}), ...(unit ? { unit: { OR: [{ code: unit }, { parent: { code: unit } }] } } : {}) },
        select: { status: true },
      });
      expect(task.activities.totalCount).toBe(activities.length);
      for (const { status, count } of task.activitySummary) expect(count).toBe(activities.filter((a) => a.status === status).length);
    }
    expect(linesSeen).toBeGreaterThan(20);
  });

  it('asks PostgreSQL for the sums (GROUP BY), never for the lines', async () => {
    server.queries.length = 0;
    ok(await actors.anonymous.request('{ task(number: 5) { budgetSummary { source planned } activitySummary { status count } } }'));
    const lineReads = server.queries.filter((sql) => /FROM "public"\."BudgetLine"/.test(sql));
    expect(lineReads.length).toBe(1);
    expect(lineReads[0]).toMatch(/GROUP BY/);
    expect(lineReads[0]).toMatch(/SUM\(/i);
  });

  it('shows the lead and coordinating agencies; an unknown task is null', async () => {
    const { task } = ok(await actors.anonymous.request(TASK, { n: 6 }));
    expect(task.leadAgency.code).toBe('SNGV');
    expect(task.assignments.map((a: any) => a.role).sort()).toEqual(['COORDINATE', 'LEAD']);
    expect(ok(await actors.anonymous.request('{ task(number: 42) { number } }')).task).toBeNull();
  });
});

describe('lists: keyset pages and filters', () => {
  const ACTIVITIES = `query ($after: String, $year: Int, $unit: String, $status: ActivityStatus, $agency: String, $task: Int) {
    activities(first: 7, after: $after, year: $year, unitCode: $unit, status: $status, agencyCode: $agency, taskNumber: $task) {
      totalCount pageInfo { hasNextPage endCursor } edges { node { id year status unit { code } agency { code } task { number } } }
    }
  }`;

  async function all(variables: Record<string, unknown>) {
    const ids: string[] = [];
    const nodes: any[] = [];
    let after: string | null = null;
    let total = 0;
    for (let guard = 0; guard < 50; guard++) {
      const { activities }: { activities: any } = ok(await actors.anonymous.request(ACTIVITIES, { ...variables, after }));
      total = activities.totalCount;
      for (const edge of activities.edges) { ids.push(edge.node.id); nodes.push(edge.node); }
      if (!activities.pageInfo.hasNextPage) break;
      after = activities.pageInfo.endCursor;
    }
    return { ids, nodes, total };
  }

  it('pages through every matching activity once, newest first, as many as totalCount', async () => {
    const { ids, total } = await all({ year: 2024 });
    expect(total).toBe(await server.prisma.activity.count({ where: { year: 2024 } }));
    expect(ids.length).toBe(total);
    expect(new Set(ids).size).toBe(total);
  });

  it('filters by year, unit, status, agency and task together', async () => {
    const { nodes, total } = await all({ year: 2026, unit: '92.102', status: 'DONE', agency: 'SLDTBXH' });
    expect(total).toBe(await server.prisma.activity.count({ where: { year: 2026, unit: { code: '92.102' }, status: 'DONE', agency: { code: 'SLDTBXH' } } }));
    for (const node of nodes) expect([node.year, node.unit.code, node.status, node.agency.code]).toEqual([2026, '92.102', 'DONE', 'SLDTBXH']);
    const byTask = await all({ task: 7, year: 2021 });
    expect(byTask.total).toBeGreaterThan(0);
    expect(byTask.nodes.every((n) => n.task.number === 7 && n.year === 2021)).toBe(true);
    // A district of the old map takes in its wards' records too.
    expect((await all({ unit: '916', year: 2022 })).total).toBe(await server.prisma.activity.count({ where: { year: 2022, unit: { OR: [{ code: '916' }, { parent: { code: '916' } }] } } }));
  });

  it('loads a page of activities with their agency, unit, task and budget in a fixed number of SQL queries (no N+1)', async () => {
    const PAGE = (first: number) => `{ activities(first: ${first}) { totalCount edges { node { titleVi agency { code } unit { code } task { number } plan { year } budget { source planned disbursed } } } } }`;
    const count = async (first: number) => {
      server.queries.length = 0;
      expect(ok(await actors.anonymous.request(PAGE(first))).activities.edges).toHaveLength(first);
      return server.queries.length;
    };
    const few = await count(2);
    expect(await count(40)).toBe(few);
    expect(few).toBeLessThanOrEqual(10);
  });

  it('refuses a page bigger than 100 and a forged cursor, clearly', async () => {
    expect(errorCode(await actors.anonymous.request('{ activities(first: 101) { totalCount } }'))).toBe('BAD_USER_INPUT');
    expect(errorCode(await actors.anonymous.request('{ activities(first: 5, after: "bm9wZQ") { totalCount } }'))).toBe('BAD_USER_INPUT');
    expect(errorCode(await actors.anonymous.request('{ activities(first: 5, year: 1800) { totalCount } }'))).toBe('BAD_USER_INPUT');
  });

  it('filters legal reviews, campaigns and partnerships by year, unit, agency and status', async () => {
    const { legalReviews, campaigns, partnerships } = ok(await actors.anonymous.request(`{
      legalReviews(year: 2023) { totalCount edges { node { reviewedOn status } } }
      campaigns(year: 2024, agencyCode: "SGDDT") { totalCount edges { node { startOn endOn agency { code } } } }
      partnerships(status: IN_PROGRESS) { totalCount edges { node { status committedVnd disbursedVnd } } }
    }`));
    expect(legalReviews.totalCount).toBe(await server.prisma.legalReview.count({ where: { reviewedOn: { gte: new Date('2023-01-01'), lt: new Date('2024-01-01') } } }));
    expect(legalReviews.totalCount).toBeGreaterThan(0);
    expect(legalReviews.edges[0].node.reviewedOn).toMatch(/^2023-/);
    expect(campaigns.edges.length).toBeGreaterThan(0);
    for (const { node } of campaigns.edges) expect(node.agency.code).toBe('SGDDT');
    expect(partnerships.totalCount).toBe(await server.prisma.partnership.count({ where: { status: 'IN_PROGRESS' } }));
    for (const { node } of partnerships.edges) expect(BigInt(node.committedVnd)).toBeGreaterThanOrEqual(BigInt(node.disbursedVnd));
  });
});

describe('the service directory (public)', () => {
  const SEARCH = `query ($sector: ServiceSector, $unit: String, $search: String) {
    servicePoints(first: 50, sector: $sector, unitCode: $unit, search: $search) { totalCount edges { node { nameVi sector helpline phone services unit { code } } } }
  }`;

  it('finds a service by unit and sector, and keeps the 111 helpline for every unit', async () => {
    const { servicePoints } = ok(await actors.anonymous.request(SEARCH, { unit: '92.102', sector: 'EDUCATION' }));
    const places = servicePoints.edges.map((e: any) => e.node).filter((n: any) => !n.helpline);
    expect(places.length).toBeGreaterThan(0);
    for (const place of places) expect([place.unit.code, place.sector]).toEqual(['92.102', 'EDUCATION']);
    expect(places.length).toBe(await server.prisma.servicePoint.count({ where: { unit: { code: '92.102' }, sector: 'EDUCATION', helpline: false } }));
    expect(ok(await actors.anonymous.request(SEARCH, { unit: '92.102', sector: 'JUSTICE' })).servicePoints.edges.filter((e: any) => !e.node.helpline)).toEqual([]);
    const ward = ok(await actors.anonymous.request(SEARCH, { unit: '92.102' })).servicePoints.edges.map((e: any) => e.node);
    expect(ward.filter((n: any) => n.phone === '111' && n.helpline)).toHaveLength(1);
    expect(ward.every((n: any) => n.helpline || n.unit.code === '92.102')).toBe(true);
  });

  it('searches words in names, addresses and services, in any letter case', async () => {
    const { servicePoints } = ok(await actors.anonymous.request(SEARCH, { search: 'TƯ VẤN tâm lý' }));
    expect(servicePoints.totalCount).toBeGreaterThan(1);
    for (const { node } of servicePoints.edges) expect(`${node.nameVi} ${node.services.join(' ')}`.toLowerCase()).toContain('tư vấn');
    expect(ok(await actors.anonymous.request(SEARCH, { search: '100%_' })).servicePoints.totalCount).toBe(0);
  });
});

describe('inspections (restricted) and their public counts', () => {
  const INSPECTIONS = '{ inspections(first: 20) { totalCount edges { node { inspectedBody overdueFollowUps findings { severity followUps { dueOn doneOn overdue ownerAgency { code } } } } } } }';

  it('are refused to anonymous callers, children and systems without programme:read', async () => {
    expect(errorCode(await actors.anonymous.request(INSPECTIONS))).toBe('UNAUTHENTICATED');
    expect(errorCode(await actors.child.request(INSPECTIONS))).toBe('FORBIDDEN');
    expect(errorCode(await actors.servicesOnly.request(INSPECTIONS))).toBe('FORBIDDEN');
    const node = await actors.anonymous.request('query ($id: ID!) { node(id: $id) { id } }', { id: globalId('Inspection', 'demo-inspection-1') });
    expect(node.data?.node).toBeNull();
  });

  it("flag follow-ups overdue against Vietnam's today, and the public summary counts the same", async () => {
    for (const reader of [actors.education, actors.reader]) {
      const { inspections } = ok(await reader.request(INSPECTIONS));
      expect(inspections.totalCount).toBeGreaterThanOrEqual(4);
      const today = new Date(Date.now() + 7 * 3_600_000).toISOString().slice(0, 10);
      for (const { node } of inspections.edges) {
        let overdue = 0;
        for (const finding of node.findings) for (const f of finding.followUps) {
          expect(f.overdue).toBe(f.doneOn === null && f.dueOn < today);
          if (f.overdue) overdue++;
        }
        expect(node.overdueFollowUps).toBe(overdue);
      }
    }
    const { inspectionSummary } = ok(await actors.anonymous.request('{ inspectionSummary { inspections overdueFollowUps openFollowUps findings { severity count } } }'));
    expect(inspectionSummary.inspections).toBe(await server.prisma.inspection.count());
    expect(inspectionSummary.openFollowUps).toBe(await server.prisma.followUpAction.count({ where: { doneOn: null } }));
    const day = new Date(`${new Date(Date.now() + 7 * 3_600_000).toISOString().slice(0, 10)}T00:00:00Z`);
    expect(inspectionSummary.overdueFollowUps).toBe(await server.prisma.followUpAction.count({ where: { doneOn: null, dueOn: { lt: day } } }));
    expect(inspectionSummary.overdueFollowUps).toBeGreaterThan(0);
    const filtered = ok(await actors.reader.request('{ inspections(overdue: true) { totalCount } }'));
    expect(filtered.inspections.totalCount).toBeGreaterThan(0);
  });
});

// ─── mutations ──────────────────────────────────────────────────────────────────────────

const FIELDS = 'id version agency { code } history { action actorName data }';

/** Parents owned by the education department (SGDDT), made by its officer. */
async function educationParents() {
  const year = 2026;
  const unitCode = '92.103';
  const existing = await server.prisma.plan.findFirst({ where: { agency: { code: 'SGDDT' }, unit: { code: unitCode }, year } });
  const planId = existing
    ? globalId('Plan', existing.id)
    : ok(await actors.education.request(`mutation ($input: CreatePlanInput!) { createPlan(input: $input) { id } }`, { input: { unitCode, year, titleVi: 'Kế hoạch thử' } })).createPlan.id;
  const activity = ok(await actors.education.request(`mutation ($input: CreateActivityInput!) { createActivity(input: $input) { id } }`, {
    input: { planId, taskNumber: 4, titleVi: 'Hoạt động thử', status: 'PLANNED' },
  })).createActivity.id;
  const inspection = ok(await actors.education.request(`mutation ($input: CreateInspectionInput!) { createInspection(input: $input) { id } }`, {
    input: { unitCode, inspectedBody: 'Trường thử', inspectedOn: '2026-05-01' },
  })).createInspection.id;
  const finding = ok(await actors.education.request(`mutation ($input: AddInspectionFindingInput!) { addInspectionFinding(input: $input) { id } }`, {
    input: { inspectionId: inspection, severity: 'HIGH', description: 'Phát hiện thử' },
  })).addInspectionFinding.id;
  return { planId, activity, inspection, finding };
}

// Each plan is the only one of its agency, unit and year: new plans take years no other test uses.
let planYears = 0;

type Parents = Awaited<ReturnType<typeof educationParents>>;
interface Case {
  create: string; update: string; input: string; updateInput: string;
  createInput: (p: Parents) => Record<string, unknown>;
  change: Record<string, unknown>;
  /** The scope an agency system needs. */
  scope: 'programme:write' | 'services:write';
}

const cases: Case[] = [
  { create: 'createPlan', update: 'updatePlan', input: 'CreatePlanInput', updateInput: 'UpdatePlanInput', scope: 'programme:write',
    createInput: () => ({ unitCode: '92.104', year: 2031 + (planYears++ % 70), titleVi: `Kế hoạch ${randomUUID()}` }), change: { titleEn: 'Renamed plan' } },
  { create: 'createActivity', update: 'updateActivity', input: 'CreateActivityInput', updateInput: 'UpdateActivityInput', scope: 'programme:write',
    createInput: (p) => ({ planId: p.planId, taskNumber: 1, titleVi: 'Hoạt động', startOn: '2026-02-01', endOn: '2026-03-01' }), change: { status: 'DONE', outputs: '40 học sinh' } },
  { create: 'createBudgetLine', update: 'updateBudgetLine', input: 'CreateBudgetLineInput', updateInput: 'UpdateBudgetLineInput', scope: 'programme:write',
    createInput: (p) => ({ activityId: p.activity, source: 'INTERNATIONAL', plannedVnd: '9007199254740993' }), change: { disbursedVnd: '9007199254740993' } },
  { create: 'createLegalReview', update: 'updateLegalReview', input: 'CreateLegalReviewInput', updateInput: 'UpdateLegalReviewInput', scope: 'programme:write',
    createInput: () => ({ unitCode: '92', document: 'Quy định thử', issuingBody: 'UBND', reviewedOn: '2026-01-10', finding: 'Cần sửa' }), change: { status: 'DONE' } },
  { create: 'createCampaign', update: 'updateCampaign', input: 'CreateCampaignInput', updateInput: 'UpdateCampaignInput', scope: 'programme:write',
    createInput: () => ({ unitCode: '92.101', titleVi: 'Chiến dịch', channel: 'Trường học', audience: 'Học sinh', startOn: '2026-09-01' }), change: { reach: 1200, status: 'DONE' } },
  { create: 'createPartnership', update: 'updatePartnership', input: 'CreatePartnershipInput', updateInput: 'UpdatePartnershipInput', scope: 'programme:write',
    createInput: () => ({ unitCode: '92', partner: 'Đối tác', scope: 'Hỗ trợ', committedVnd: 500000000, startOn: '2026-01-01' }), change: { disbursedVnd: '250000000' } },
  { create: 'createInspection', update: 'updateInspection', input: 'CreateInspectionInput', updateInput: 'UpdateInspectionInput', scope: 'programme:write',
    createInput: () => ({ unitCode: '92.102', inspectedBody: 'Trường', inspectedOn: '2026-03-03' }), change: { summary: 'Đã kiểm tra' } },
  { create: 'addInspectionFinding', update: 'updateInspectionFinding', input: 'AddInspectionFindingInput', updateInput: 'UpdateInspectionFindingInput', scope: 'programme:write',
    createInput: (p) => ({ inspectionId: p.inspection, severity: 'LOW', description: 'Thiếu sổ' }), change: { severity: 'CRITICAL' } },
  { create: 'addFollowUpAction', update: 'updateFollowUpAction', input: 'AddFollowUpActionInput', updateInput: 'UpdateFollowUpActionInput', scope: 'programme:write',
    createInput: (p) => ({ findingId: p.finding, ownerAgencyCode: 'SYT', description: 'Khắc phục', dueOn: '2026-01-15' }), change: { doneOn: '2026-01-20' } },
  { create: 'createServicePoint', update: 'updateServicePoint', input: 'CreateServicePointInput', updateInput: 'UpdateServicePointInput', scope: 'services:write',
    createInput: () => ({ unitCode: '92.110', sector: 'EDUCATION', nameVi: 'Phòng tư vấn thử', address: '1 đường Thử', hours: '7:00–11:00', services: ['Tư vấn'] }), change: { hours: '7:00–17:00' } },
];

describe.each(cases)('$create / $update', (c) => {
  let parents: Parents;
  beforeAll(async () => { parents = await educationParents(); });
  const create = (client: Client, input: Record<string, unknown>) =>
    client.request(`mutation ($input: ${c.input}!) { ${c.create}(input: $input) { ${FIELDS} } }`, { input });
  const update = (client: Client, input: Record<string, unknown>) =>
    client.request(`mutation ($input: ${c.updateInput}!) { ${c.update}(input: $input) { ${FIELDS} } }`, { input });

  it("is allowed to the owning agency's officer, its API client with the scope and programme admins, with history", async () => {
    const created = ok(await create(actors.education, c.createInput(parents)))[c.create];
    expect([created.version, created.agency.code]).toEqual([1, 'SGDDT']);
    expect(created.history.map((h: any) => h.action)).toEqual([expect.stringMatching(/\.create$/)]);

    const byOfficer = ok(await update(actors.education, { id: created.id, version: 1, ...c.change }))[c.update];
    const bySystem = ok(await update(c.scope === 'services:write' ? actors.servicesOnly : actors.writer, { id: created.id, version: 2, ...c.change }))[c.update];
    const byAdmin = ok(await update(actors.admin, { id: created.id, version: 3, ...c.change }))[c.update];
    expect([byOfficer.version, bySystem.version, byAdmin.version]).toEqual([2, 3, 4]);
    expect(byAdmin.history.map((h: any) => h.actorName)).toEqual([expect.any(String), expect.any(String), expect.stringMatching(/^Test system/), expect.any(String)]);
    expect(byAdmin.history.at(-1).data.version).toBe(4);
  });

  it('is refused to another agency, a child, anonymous callers and systems without the scope; nothing changes', async () => {
    const created = ok(await create(actors.education, c.createInput(parents)))[c.create];
    const before = await server.prisma.auditLog.count();
    const refused: [Client, string][] = [
      [actors.social, 'FORBIDDEN'], [actors.child, 'FORBIDDEN'], [actors.anonymous, 'UNAUTHENTICATED'],
      [c.scope === 'services:write' ? actors.programmeOnly : actors.servicesOnly, 'FORBIDDEN'], [actors.reader, 'FORBIDDEN'],
    ];
    for (const [client, code] of refused) {
      expect(errorCode(await update(client, { id: created.id, version: 1, ...c.change }))).toBe(code);
      // Top-level records name their agency: without it, another agency's officer would simply create its own.
      const input = c.createInput(parents);
      expect(errorCode(await create(client, 'unitCode' in input ? { ...input, agencyCode: 'SGDDT' } : input))).toBe(code);
    }
    expect(await server.prisma.auditLog.count()).toBe(before);
    expect(ok(await update(actors.education, { id: created.id, version: 1, ...c.change }))[c.update].version).toBe(2);
  });

  it('answers CONFLICT to a stale version and keeps the newer change', async () => {
    const created = ok(await create(actors.education, c.createInput(parents)))[c.create];
    ok(await update(actors.education, { id: created.id, version: 1, ...c.change }));
    const stale = await update(actors.admin, { id: created.id, version: 1, ...c.change });
    expect(errorCode(stale)).toBe('CONFLICT');
    expect(stale.errors![0]!.extensions!.version).toBe(2);
  });
});

describe('record histories', () => {
  it("are read for a whole page in one statement, each record's own, oldest first", async () => {
    const parents = await educationParents();
    const made: string[] = [];
    for (let i = 0; i < 3; i += 1) {
      const { createActivity } = ok(await actors.education.request(`mutation ($input: CreateActivityInput!) { createActivity(input: $input) { id } }`, {
        input: { planId: parents.planId, taskNumber: 2, titleVi: `Hoạt động có lịch sử ${i}`, status: 'PLANNED' },
      }));
      for (let v = 1; v <= i; v += 1) ok(await actors.education.request(`mutation ($input: UpdateActivityInput!) { updateActivity(input: $input) { id } }`, { input: { id: createActivity.id, version: v, status: v % 2 ? 'IN_PROGRESS' : 'PLANNED' } }));
      made.push(createActivity.id);
    }
    const PAGE = (first: number) => `{ activities(first: ${first}, agencyCode: "SGDDT") { edges { node { id history { action actorName data } } } } }`;
    const read = async (first: number) => {
      server.queries.length = 0;
      const edges = ok(await actors.admin.request(PAGE(first))).activities.edges as { node: { id: string; history: { action: string; actorName: string; data: { version: number } }[] } }[];
      return { nodes: edges.map((e) => e.node), statements: server.queries.length };
    };
    const few = await read(2);
    const many = await read(40);
    expect(many.nodes.length).toBeGreaterThan(3);
    expect(many.statements).toBe(few.statements);
    // Newest first: the three just made lead the page, each with its own history, oldest first.
    expect(many.nodes.slice(0, 3).map((n) => n.id)).toEqual([...made].reverse());
    for (const [i, id] of made.entries()) {
      const { history } = many.nodes.find((n) => n.id === id)!;
      expect(history.map((h) => h.action)).toEqual(['activity.create', ...Array(i).fill('activity.update')]);
      expect(history.map((h) => h.data.version)).toEqual(Array.from({ length: i + 1 }, (_, v) => v + 1));
    }
  });
});

describe('two officers creating the same plan at once', () => {
  it('make one plan; every other request is CONFLICT, never INTERNAL', async () => {
    const input = { unitCode: '92.114', year: 2029, titleVi: 'Kế hoạch cùng lúc' };
    const results = await Promise.all(
      Array.from({ length: 6 }, () => actors.education.request(`mutation ($input: CreatePlanInput!) { createPlan(input: $input) { id } }`, { input })),
    );
    expect(results.filter((result) => !result.errors)).toHaveLength(1);
    for (const result of results.filter((r) => r.errors)) expect(errorCode(result)).toBe('CONFLICT');
    expect(await server.prisma.plan.count({ where: { agency: { code: 'SGDDT' }, unit: { code: '92.114' }, year: 2029 } })).toBe(1);
  });
});

describe('bad input changes nothing and is explained', () => {
  it('refuses negative or fractional amounts, periods that end before they start, unknown units and agencies', async () => {
    const { activity, planId } = await educationParents();
    const before = await server.prisma.auditLog.count();
    const line = 'mutation ($input: CreateBudgetLineInput!) { createBudgetLine(input: $input) { id } }';
    for (const plannedVnd of ['-5', '1.5', 'abc', 1.5, '1234567890123456789']) {
      const result = await actors.education.request(line, { input: { activityId: activity, source: 'STATE_BUDGET', plannedVnd } });
      expect(errorCode(result)).toBe('BAD_USER_INPUT');
    }
    const period = await actors.education.request('mutation ($input: CreateActivityInput!) { createActivity(input: $input) { id } }', {
      input: { planId, taskNumber: 1, titleVi: 'Sai ngày', startOn: '2026-05-01', endOn: '2026-04-01' },
    });
    expect(period.errors![0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'DATE_ORDER' });
    expect(period.errors![0]!.message).toBe('The end date cannot be before the start date.');
    const unit = await actors.education.request('mutation ($input: CreateCampaignInput!) { createCampaign(input: $input) { id } }', {
      input: { unitCode: '92.101', titleVi: 'x', channel: 'x', audience: 'x', startOn: '2021-01-01' },
    });
    expect(unit.errors![0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'UNKNOWN_UNIT' });
    const admin = await actors.admin.request('mutation ($input: CreateLegalReviewInput!) { createLegalReview(input: $input) { id } }', {
      input: { unitCode: '92', document: 'x', issuingBody: 'x', reviewedOn: '2026-01-01', finding: 'x' },
    });
    expect(admin.errors![0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'AGENCY_REQUIRED' });
    const other = await actors.education.request('mutation ($input: CreateLegalReviewInput!) { createLegalReview(input: $input) { id } }', {
      input: { agencyCode: 'STP', unitCode: '92', document: 'x', issuingBody: 'x', reviewedOn: '2026-01-01', finding: 'x' },
    });
    expect(other.errors![0]!.extensions).toMatchObject({ code: 'FORBIDDEN', reason: 'OTHER_AGENCY' });
    const blank = await actors.education.request('mutation ($input: CreateLegalReviewInput!) { createLegalReview(input: $input) { id } }', {
      input: { unitCode: '92', document: '   ', issuingBody: 'x', reviewedOn: '2026-01-01', finding: 'x' },
    });
    expect(errorCode(blank)).toBe('BAD_USER_INPUT');
    expect(await server.prisma.auditLog.count()).toBe(before);
  });

  it('keeps budget lines themselves and record histories from the public', async () => {
    const result = await actors.anonymous.request('{ task(number: 5) { activities(first: 3) { edges { node { budget { source planned } budgetLines { id } } } } } }');
    ok(result);
    for (const { node } of result.data!.task.activities.edges) {
      expect(node.budgetLines).toEqual([]);
      expect(node.budget).toHaveLength(3);
    }
    expect(errorCode(await actors.anonymous.request('{ legalReviews(first: 1) { edges { node { history { action } } } } }'))).toBe('UNAUTHENTICATED');
    expect(errorCode(await actors.child.request('{ legalReviews(first: 1) { edges { node { history { action } } } } }'))).toBe('FORBIDDEN');
  });
});

describe('service receipts in the children register', () => {
  const ADD = `mutation ($input: AddServiceReceiptInput!) { addServiceReceipt(input: $input) { services { sector servicePointId } } }`;

  it('link to an entry of the directory, and an unknown entry is bad input that changes nothing', async () => {
    const officer = await signIn('protection.demo');
    const child = await server.prisma.childRecord.findFirstOrThrow({ where: { unit: { code: '92.102' } }, orderBy: { id: 'asc' } });
    const point = await server.prisma.servicePoint.findFirstOrThrow({ where: { unit: { code: '92.102' } }, orderBy: { id: 'asc' } });
    const input = { childId: child.id, purpose: 'SERVICE_REFERRAL: kết nối dịch vụ', sector: point.sector, description: 'Tư vấn', receivedOn: '2026-10-01' };
    const before = await server.prisma.serviceReceipt.count({ where: { childId: child.id } });
    const unknown = await officer.request(ADD, { input: { ...input, servicePointId: 'no-such-point' } });
    expect(unknown.errors![0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'UNKNOWN_SERVICE_POINT' });
    expect(await server.prisma.serviceReceipt.count({ where: { childId: child.id } })).toBe(before);
    const linked = ok(await officer.request(ADD, { input: { ...input, servicePointId: point.id } }));
    expect(linked.addServiceReceipt.services).toContainEqual({ sector: point.sector, servicePointId: point.id });
    expect(await server.prisma.serviceReceipt.count({ where: { servicePoint: { id: point.id } } })).toBe(1);
  });
});
