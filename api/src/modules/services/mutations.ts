import { z } from 'zod';
import { builder } from '../../builder.js';
import { createRecord, owningAgency, unitInYear } from '../programme/service.js';
import { recordCall, shortText, text, title, updateMutation } from '../programme/mutations.js';
import { today } from '../../calendar.js';
import { ServicePointRef, ServiceSectorEnum } from './types.js';

const services = z.array(shortText).min(1).max(30);
const phone = z.string().trim().regex(/^[0-9 +().-]{3,30}$/);
const email = z.string().trim().max(200).email();

const CreateServicePointInput = builder.inputType('CreateServicePointInput', {
  fields: (t) => ({
    agencyCode: t.string({ validate: z.string().max(40), description: 'The agency that keeps the entry; defaults to yours. Programme admins must name one.' }),
    unitCode: t.string({ required: true, validate: z.string().max(40), description: 'A unit on today’s map.' }),
    sector: t.field({ type: ServiceSectorEnum, required: true }),
    nameVi: t.string({ required: true, validate: title }),
    nameEn: t.string({ validate: title }),
    address: t.string({ required: true, validate: shortText }),
    hours: t.string({ required: true, validate: shortText }),
    phone: t.string({ validate: phone }),
    email: t.string({ validate: email }),
    services: t.stringList({ required: true, validate: services }),
    helpline: t.boolean(),
  }),
});

const UpdateServicePointInput = builder.inputType('UpdateServicePointInput', {
  fields: (t) => ({
    id: t.globalID({ required: true, for: [ServicePointRef] }),
    version: t.int({ required: true, description: 'The version you read: CONFLICT when someone changed the entry since.' }),
    nameVi: t.string({ validate: title }),
    nameEn: t.string({ validate: title }),
    address: t.string({ validate: shortText }),
    hours: t.string({ validate: shortText }),
    phone: t.string({ validate: phone }),
    email: t.string({ validate: email }),
    services: t.stringList({ validate: services, description: 'The full new list.' }),
  }),
});


builder.mutationFields((t) => ({
  createServicePoint: t.prismaField({
    type: 'ServicePoint',
    description: 'Officers of the agency, its API clients with services:write, and programme admins.',
    args: { input: t.arg({ type: CreateServicePointInput, required: true }) },
    resolve: async (query, _root, { input: { agencyCode, unitCode, ...data } }, ctx) => {
      const call = recordCall(ctx);
      const agencyId = await owningAgency(call, 'services:write', agencyCode);
      const unitId = await unitInYear(ctx.prisma, unitCode, today().getUTCFullYear());
      const id = await createRecord(call, { kind: 'ServicePoint', agencyId, data: { ...data, unitId } });
      return ctx.prisma.servicePoint.findUniqueOrThrow({ ...query, where: { id } });
    },
  }),
}));

updateMutation('updateServicePoint', 'ServicePoint', UpdateServicePointInput, 'services:write');
