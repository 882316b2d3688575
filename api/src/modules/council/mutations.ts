import { z } from 'zod';
import { builder } from '../../builder.js';
import { addCouncilMember, endMembership, resetMemberPassword } from './service.js';
import { CouncilRef, MembershipRef } from './types.js';
import { GuardianRelationEnum } from '../children/types.js';

export const ConsentMethodEnum = builder.enumType('ConsentMethod', { values: ['SIGNED_FORM', 'IN_PERSON', 'PHONE'] as const });

const GuardianConsentInput = builder.inputType('GuardianConsentInput', {
  description: "The guardian's consent: when, who (a relation; no names are kept) and how.",
  fields: (t) => ({
    givenOn: t.field({ type: 'Date', required: true }),
    givenBy: t.field({ type: GuardianRelationEnum, required: true }),
    method: t.field({ type: ConsentMethodEnum, required: true }),
  }),
});

const AddCouncilMemberInput = builder.inputType('AddCouncilMemberInput', {
  fields: (t) => ({
    councilId: t.globalID({ required: true, for: [CouncilRef] }),
    pseudonym: t.string({ required: true, description: 'The name the child is shown by; never its real name.', validate: z.string().max(80) }),
    guardianConsent: t.field({ type: GuardianConsentInput, required: true }),
  }),
});

const MembershipIdInput = builder.inputType('MembershipIdInput', {
  fields: (t) => ({ membershipId: t.globalID({ required: true, for: [MembershipRef] }) }),
});

const MemberPasswordPayload = builder.objectRef<{ membershipId: string; oneTimePassword: string }>('MemberPasswordPayload').implement({
  description: 'A one-time password, shown once, to hand to the child; it chooses its own at first sign-in.',
  fields: (t) => ({
    member: t.prismaField({ type: 'Membership', resolve: (query, payload, _args, ctx) => ctx.prisma.membership.findUniqueOrThrow({ ...query, where: { id: payload.membershipId } }) }),
    oneTimePassword: t.exposeString('oneTimePassword'),
  }),
});

builder.mutationFields((t) => ({
  addCouncilMember: t.field({
    type: MemberPasswordPayload,
    description: "A moderator adds a child to the council's running term with a pseudonym and a recorded guardian consent.",
    authScopes: { moderator: true },
    args: { input: t.arg({ type: AddCouncilMemberInput, required: true }) },
    resolve: (_root, { input }, ctx) =>
      addCouncilMember({ prisma: ctx.prisma, viewer: ctx.viewer, actor: ctx.actor, councilId: input.councilId.id, pseudonym: input.pseudonym, guardianConsent: input.guardianConsent }),
  }),
  resetMemberPassword: t.field({
    type: MemberPasswordPayload,
    description: "A moderator gives a child of its council a new one-time password; the child's sessions end.",
    authScopes: { moderator: true },
    args: { input: t.arg({ type: MembershipIdInput, required: true }) },
    resolve: (_root, { input }, ctx) => resetMemberPassword({ prisma: ctx.prisma, viewer: ctx.viewer, actor: ctx.actor, membershipId: input.membershipId.id }),
  }),
  endMembership: t.prismaField({
    type: 'Membership',
    description: 'A moderator ends a membership: the child no longer writes or votes in the council.',
    authScopes: { moderator: true },
    args: { input: t.arg({ type: MembershipIdInput, required: true }) },
    resolve: async (query, _root, { input }, ctx) => {
      await endMembership({ prisma: ctx.prisma, viewer: ctx.viewer, actor: ctx.actor, membershipId: input.membershipId.id });
      return ctx.prisma.membership.findUniqueOrThrow({ ...query, where: { id: input.membershipId.id } });
    },
  }),
}));
