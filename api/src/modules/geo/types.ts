import { builder } from '../../builder.js';

export const AdminLevelEnum = builder.enumType('AdminLevel', { values: ['PROVINCE', 'DISTRICT', 'WARD'] as const });

export const AdminUnitRef = builder.prismaNode('AdminUnit', {
  id: { field: 'id' },
  description: 'An administrative unit, valid between two dates (units merge and split).',
  fields: (t) => ({
    code: t.exposeString('code'),
    nameVi: t.exposeString('nameVi'),
    nameEn: t.exposeString('nameEn'),
    level: t.expose('level', { type: AdminLevelEnum }),
    parent: t.relation('parent', { nullable: true }),
    validFrom: t.expose('validFrom', { type: 'DateTime' }),
    validTo: t.expose('validTo', { type: 'DateTime', nullable: true }),
  }),
});
