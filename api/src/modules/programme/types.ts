import { builder } from '../../builder.js';

export const AgencyKindEnum = builder.enumType('AgencyKind', { values: ['DEPARTMENT', 'DISTRICT_COMMITTEE', 'MASS_ORGANISATION', 'OTHER'] as const });
export const AssignmentRoleEnum = builder.enumType('AssignmentRole', { values: ['LEAD', 'COORDINATE'] as const });

builder.prismaNode('Programme', {
  id: { field: 'id' },
  nullable: true,
  fields: (t) => ({
    code: t.exposeString('code'),
    titleVi: t.exposeString('titleVi'),
    titleEn: t.exposeString('titleEn'),
    startYear: t.exposeInt('startYear'),
    endYear: t.exposeInt('endYear'),
    unit: t.relation('unit'),
    leadAgency: t.relation('leadAgency'),
    tasks: t.relation('tasks', { query: { orderBy: { number: 'asc' } } }),
    objectiveGroups: t.relation('objectiveGroups', { query: { orderBy: { number: 'asc' } } }),
    agencies: t.prismaField({
      type: ['Agency'],
      description: 'Every agency with a part in the programme, the leading department first.',
      resolve: async (query, programme, _args, ctx) => {
        const agencies = await ctx.prisma.agency.findMany({
          ...query,
          where: { OR: [{ id: programme.leadAgencyId }, { assignments: { some: { task: { programmeId: programme.id } } } }] },
          orderBy: [{ kind: 'asc' }, { code: 'asc' }],
        });
        const lead = (agency: { id: string }) => (agency.id === programme.leadAgencyId ? 0 : 1);
        return agencies.sort((a, b) => lead(a) - lead(b));
      },
    }),
  }),
});

builder.prismaNode('ObjectiveGroup', {
  id: { field: 'id' },
  nullable: true,
  description: 'One of the programme’s groups of specific objectives.',
  fields: (t) => ({
    number: t.exposeInt('number'),
    titleVi: t.exposeString('titleVi'),
    titleEn: t.exposeString('titleEn'),
  }),
});

builder.prismaNode('Task', {
  id: { field: 'id' },
  nullable: true,
  description: 'One of the programme’s tasks and solutions, with the agencies that carry it out.',
  fields: (t) => ({
    number: t.exposeInt('number'),
    titleVi: t.exposeString('titleVi'),
    titleEn: t.exposeString('titleEn'),
    leadAgency: t.field({
      type: AgencyRef,
      nullable: true,
      select: { assignments: { where: { role: 'LEAD' }, select: { agency: true } } },
      resolve: (task) => task.assignments[0]?.agency ?? null,
    }),
    assignments: t.relation('assignments', { query: { orderBy: { role: 'asc' } } }),
  }),
});

builder.prismaObject('TaskAssignment', {
  fields: (t) => ({
    role: t.expose('role', { type: AssignmentRoleEnum }),
    agency: t.relation('agency'),
  }),
});

const AgencyRef = builder.prismaNode('Agency', {
  id: { field: 'id' },
  nullable: true,
  fields: (t) => ({
    code: t.exposeString('code'),
    name: t.exposeString('nameVi', { description: 'The official (Vietnamese) name.' }),
    nameVi: t.exposeString('nameVi'),
    nameEn: t.exposeString('nameEn'),
    kind: t.expose('kind', { type: AgencyKindEnum }),
  }),
});
