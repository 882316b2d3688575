// Demo records of the eight tasks at work (issue 10): plans and activities with budget lines,
// legal reviews, campaigns, partnerships, inspections with findings and follow-ups, and the
// service directory. Every row has demo = true and a fixed id, and the figures come from
// formulas, not from any real budget: the seed is the same on every run, and inserts are
// batched (createMany … skipDuplicates) so a second run changes nothing and costs little.
import type { ActivityStatus, Db, FindingSeverity, FundingSource, Prisma, ServiceSector } from '../src/client.js';
import { ensureUser, grantRole } from '../factories/index.js';
import * as data from './data.js';

const YEARS = [2021, 2022, 2023, 2024, 2025, 2026];
/** Units with plans: three districts of the old map until 2024, four wards of today's after. */
const planUnits = (year: number) => (year <= 2024 ? ['916', '918', '919'] : ['92.101', '92.102', '92.105', '92.108']);
/** Which tasks each planning agency's activities serve, so every task has activities. */
const planners: [agency: string, tasks: number[]][] = [['SLDTBXH', [1, 7, 3, 8]], ['STC', [5, 6]], ['SGDDT', [4, 2, 3]]];
const SOURCES: FundingSource[] = ['STATE_BUDGET', 'SOCIAL_MOBILISATION', 'INTERNATIONAL'];
const MILLION = 1_000_000n;

/** Minutes after the year's start: distinct, ordered creation times for keyset pages. */
const createdIn = (year: number, n: number) => new Date(Date.UTC(year, 0, 2) + n * 60_000);
const day = (iso: string) => new Date(`${iso}T00:00:00Z`);

export async function seedProgrammeRecords(prisma: Db, agencies: Map<string, string>) {
  const units = new Map((await prisma.adminUnit.findMany({ select: { id: true, code: true } })).map((u) => [u.code, u.id]));
  const tasks = new Map((await prisma.task.findMany({ where: { programme: { code: data.programme.code } }, select: { id: true, number: true } })).map((t) => [t.number, t.id]));
  const groups = new Map((await prisma.objectiveGroup.findMany({ where: { programme: { code: data.programme.code } }, select: { id: true, number: true } })).map((g) => [g.number, g.id]));
  const agency = (code: string) => agencies.get(code)!;
  const unit = (code: string) => units.get(code)!;

  // A second demo officer, of the leading department, so two agencies' pages can be compared.
  const officer = await ensureUser(prisma, { ...data.demoAccounts.socialOfficer, kind: 'ADULT', password: data.DEMO_PASSWORD });
  await grantRole(prisma, { userId: officer.id, role: 'AGENCY_OFFICER', agencyId: agency('SLDTBXH') });

  const plans: Prisma.PlanCreateManyInput[] = [];
  const activities: Prisma.ActivityCreateManyInput[] = [];
  const lines: Prisma.BudgetLineCreateManyInput[] = [];
  let n = 0;
  for (const year of YEARS) {
    for (const [u, unitCode] of planUnits(year).entries()) {
      for (const [a, [agencyCode, taskNumbers]] of planners.entries()) {
        const planId = `demo-plan-${agencyCode}-${unitCode}-${year}`;
        plans.push({
          id: planId, agencyId: agency(agencyCode), unitId: unit(unitCode), year, demo: true, createdAt: createdIn(year, n++),
          titleVi: `Kế hoạch thực hiện Chương trình hành động vì trẻ em năm ${year} (dữ liệu mẫu)`,
          titleEn: `Plan for the Action Programme for Children, ${year} (demo data)`,
        });
        for (let k = 0; k < 2; k++) {
          const taskNumber = taskNumbers[(year + u + k) % taskNumbers.length]!;
          const seq = activities.length;
          const status: ActivityStatus = year < 2026 ? (seq % 9 === 4 ? 'CANCELLED' : 'DONE') : (['PLANNED', 'IN_PROGRESS', 'DONE'] as const)[seq % 3]!;
          const id = `demo-act-${year}-${unitCode}-${agencyCode}-${k}`;
          activities.push({
            id, planId, taskId: tasks.get(taskNumber)!, objectiveGroupId: groups.get(1 + (seq % 4)) ?? null,
            agencyId: agency(agencyCode), unitId: unit(unitCode), year, status, demo: true, createdAt: createdIn(year, n++),
            titleVi: `${data.activityTitles[taskNumber]!.vi} (mẫu)`, titleEn: `${data.activityTitles[taskNumber]!.en} (demo)`,
            startOn: new Date(Date.UTC(year, 1 + k * 4, 1)), endOn: new Date(Date.UTC(year, 5 + k * 5, 28)),
            outputs: status === 'DONE' ? `${20 + (seq % 7) * 15} người tham gia; báo cáo kết quả (mẫu)` : null,
          });
          for (const [s, source] of SOURCES.entries()) {
            if ((seq + s) % 3 === 2) continue; // not every activity draws on every source
            const planned = BigInt(40 + ((seq * 37 + s * 53) % 260)) * MILLION;
            const share = status === 'DONE' ? 90n + BigInt((seq + s) % 11) : status === 'IN_PROGRESS' ? 40n : 0n;
            lines.push({
              id: `${id}-${source}`, activityId: id, agencyId: agency(agencyCode), source, plannedVnd: planned,
              disbursedVnd: status === 'CANCELLED' ? 0n : (planned * share) / 100n, demo: true, createdAt: createdIn(year, n++),
            });
          }
        }
      }
    }
  }
  await prisma.plan.createMany({ data: plans, skipDuplicates: true });
  await prisma.activity.createMany({ data: activities, skipDuplicates: true });
  await prisma.budgetLine.createMany({ data: lines, skipDuplicates: true });

  await prisma.legalReview.createMany({
    skipDuplicates: true,
    data: data.legalReviews.map((r, i) => ({
      id: `demo-legal-${i + 1}`, agencyId: agency('STP'), unitId: unit('92'), document: r.document, issuingBody: r.issuingBody,
      issuedOn: day(r.issuedOn), reviewedOn: day(r.reviewedOn), finding: r.finding, recommendation: r.recommendation, status: r.status,
      demo: true, createdAt: day(r.reviewedOn),
    })),
  });
  await prisma.campaign.createMany({
    skipDuplicates: true,
    data: data.campaigns.map((c, i) => ({
      id: `demo-campaign-${i + 1}`, agencyId: agency(c.agency), unitId: unit(c.unit), titleVi: c.titleVi, titleEn: c.titleEn,
      channel: c.channel, audience: c.audience, reach: c.reach, startOn: day(c.startOn), endOn: day(c.endOn), status: c.status,
      demo: true, createdAt: day(c.startOn),
    })),
  });
  await prisma.partnership.createMany({
    skipDuplicates: true,
    data: data.partnerships.map((p, i) => ({
      id: `demo-partnership-${i + 1}`, agencyId: agency('SNGV'), unitId: unit(p.unit), partner: p.partner, country: p.country, scope: p.scope,
      committedVnd: BigInt(p.committedMillion) * MILLION, disbursedVnd: BigInt(p.disbursedMillion) * MILLION,
      startOn: day(p.startOn), endOn: p.endOn ? day(p.endOn) : null, status: p.status, demo: true, createdAt: day(p.startOn),
    })),
  });

  const findings: Prisma.InspectionFindingCreateManyInput[] = [];
  const followUps: Prisma.FollowUpActionCreateManyInput[] = [];
  const severities: FindingSeverity[] = ['LOW', 'MEDIUM', 'HIGH', 'CRITICAL'];
  for (const [i, inspection] of data.inspections.entries()) {
    for (const [j, finding] of inspection.findings.entries()) {
      const findingId = `demo-inspection-${i + 1}-f${j + 1}`;
      findings.push({
        id: findingId, inspectionId: `demo-inspection-${i + 1}`, agencyId: agency(inspection.agency), severity: severities[(i + j * 2) % 4]!,
        description: finding.description, demo: true, createdAt: new Date(day(inspection.on).getTime() + (j + 1) * 60_000),
      });
      followUps.push({
        id: `${findingId}-a1`, findingId, agencyId: agency(inspection.agency), ownerAgencyId: agency(finding.owner), description: finding.action,
        dueOn: day(finding.dueOn), doneOn: finding.doneOn ? day(finding.doneOn) : null, demo: true,
        createdAt: new Date(day(inspection.on).getTime() + (j + 1) * 120_000),
      });
    }
  }
  await prisma.inspection.createMany({
    skipDuplicates: true,
    data: data.inspections.map((x, i) => ({
      id: `demo-inspection-${i + 1}`, agencyId: agency(x.agency), unitId: unit(x.unit), inspectedBody: x.body, inspectedOn: day(x.on),
      summary: x.summary, demo: true, createdAt: day(x.on),
    })),
  });
  await prisma.inspectionFinding.createMany({ data: findings, skipDuplicates: true });
  await prisma.followUpAction.createMany({ data: followUps, skipDuplicates: true });

  const points: Prisma.ServicePointCreateManyInput[] = [{
    id: 'demo-service-111', agencyId: agency('SLDTBXH'), unitId: unit('92'), sector: 'CHILD_PROTECTION' as ServiceSector, helpline: true,
    nameVi: 'Tổng đài điện thoại quốc gia bảo vệ trẻ em 111', nameEn: 'National Child Protection Hotline 111',
    address: 'Gọi miễn phí từ mọi điện thoại', hours: '24/7', phone: '111', email: null,
    services: ['Tiếp nhận tin báo xâm hại trẻ em', 'Tư vấn tâm lý', 'Kết nối dịch vụ khẩn cấp'], demo: true, createdAt: day('2021-01-01'),
  }];
  for (const [w, ward] of data.newUnits.entries()) {
    for (let k = 0; k < 2; k++) {
      const kind = data.servicePointKinds[(w + k * 2) % data.servicePointKinds.length]!;
      points.push({
        id: `demo-service-${ward.code}-${k + 1}`, agencyId: agency(kind.agency), unitId: unit(ward.code), sector: kind.sector, helpline: false,
        nameVi: `${kind.nameVi} ${ward.kindVi} ${ward.name} (mẫu)`, nameEn: `${kind.nameEn}, ${ward.name} (demo)`,
        address: `${10 + w * 3 + k} đường ${kind.street}, ${ward.kindVi} ${ward.name}, Cần Thơ`, hours: kind.hours,
        phone: `0292 38${String(w).padStart(2, '0')} ${k}11`, email: null, services: kind.services, demo: true,
        createdAt: new Date(Date.UTC(2025, 6, 1) + (w * 2 + k) * 60_000),
      });
    }
  }
  await prisma.servicePoint.createMany({ data: points, skipDuplicates: true });
}
