import { builder } from '../../builder.js';

export const ServiceSectorEnum = builder.enumType('ServiceSector', { values: ['HEALTH', 'EDUCATION', 'JUSTICE', 'SOCIAL_PROTECTION', 'CHILD_PROTECTION'] as const });

export const ServicePointRef = builder.prismaNode('ServicePoint', {
  id: { field: 'id' },
  nullable: true,
  description: 'Task 3: a place (or line) where children and families get a service. Public.',
  fields: (t) => ({
    sector: t.expose('sector', { type: ServiceSectorEnum }),
    nameVi: t.exposeString('nameVi'),
    nameEn: t.exposeString('nameEn', { nullable: true }),
    address: t.exposeString('address'),
    hours: t.exposeString('hours', { description: 'Opening hours, as the agency writes them.' }),
    phone: t.exposeString('phone', { nullable: true }),
    email: t.exposeString('email', { nullable: true }),
    services: t.exposeStringList('services', { description: 'The services offered.' }),
    helpline: t.exposeBoolean('helpline', { description: 'A telephone line rather than a place (the 111 child helpline).' }),
  }),
});
