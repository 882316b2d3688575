import { builder } from '../../builder.js';
import { today } from '../../calendar.js';
import { validOn } from './policy.js';

export const AdminLevelEnum = builder.enumType('AdminLevel', { values: ['PROVINCE', 'DISTRICT', 'WARD'] as const });

export const AdminUnitRef = builder.prismaNode('AdminUnit', {
  id: { field: 'id' },
  nullable: true,
  description: 'An administrative unit, valid between two dates: units merge and split, and codes (not names) identify them.',
  fields: (t) => ({
    code: t.exposeString('code'),
    nameVi: t.exposeString('nameVi'),
    nameEn: t.exposeString('nameEn'),
    level: t.expose('level', { type: AdminLevelEnum }),
    parent: t.relation('parent', { nullable: true }),
    validFrom: t.expose('validFrom', { type: 'Date' }),
    validTo: t.expose('validTo', { type: 'Date', nullable: true, description: 'Its last day; null while it exists.' }),
    children: t.relation('children', {
      description: "The units directly below it on a day (default: today; pass a day in the unit's own lifetime to see an earlier map).",
      args: { at: t.arg({ type: 'Date' }) },
      query: ({ at }) => ({ where: validOn(at ?? today()), orderBy: { code: 'asc' } }),
    }),
    formedFrom: t.relation('formedFrom', {
      description: 'The units it was formed from, with the part of each it took over.',
      query: { orderBy: { predecessor: { code: 'asc' } } },
    }),
    successorsOf: t.relation('successorsOf', {
      description: 'The units that took it over when it ended.',
      query: { orderBy: { successor: { code: 'asc' } } },
    }),
  }),
});

builder.prismaObject('UnitSuccession', {
  description: 'Part or all of a unit passing to another on a date.',
  fields: (t) => ({
    predecessor: t.relation('predecessor'),
    successor: t.relation('successor'),
    effectiveOn: t.expose('effectiveOn', { type: 'Date' }),
    share: t.float({ description: 'The part of the predecessor that passed, from 0 to 1.', resolve: (s) => Number(s.share) }),
    basis: t.exposeString('basis', { nullable: true, description: 'How a partial share was measured.' }),
  }),
});
