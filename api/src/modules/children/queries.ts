import { builder } from '../../builder.js';
import type { Context } from '../../context.js';
import { downloadRegisterExport, listRegisterExports } from './exports.js';
import { CIRCUMSTANCE_GROUPS } from './labels.js';
import { findChildRecord, findChildRecords, readAccessLog, type RegisterCall } from './service.js';
import { childStatisticsFor } from './statistics.js';
import {
  ChildRecordRef, ChildStatisticsCellRef, ChildStatisticsDimensionEnum, CircumstanceGroupEnum, CircumstanceGroupInfo,
  RegisterAccessEntryRef, RegisterExportFileRef, RegisterExportRef,
} from './types.js';

/** What a register service needs from the request: the policy decides, nothing is checked here. */
export const registerCall = (ctx: Context): RegisterCall => ({
  prisma: ctx.prisma,
  principal: { viewer: ctx.viewer, apiClient: ctx.apiClient },
  actor: ctx.actor,
});

const PURPOSE_HELP = 'Why you open the register: "CODE" or "CODE: note" with a code from `RegisterPurpose` (OTHER needs a note), or plain words. No names or numbers. Logged.';

builder.queryFields((t) => ({
  circumstanceGroups: t.field({
    type: [CircumstanceGroupInfo],
    description: 'The groups of children in special circumstances (Law on Children 2016, art. 10), with their labels. Public.',
    resolve: () => Object.entries(CIRCUMSTANCE_GROUPS).map(([group, label]) => ({ group: group as keyof typeof CIRCUMSTANCE_GROUPS, ...label })),
  }),
  childRecords: t.connection(
    {
      type: ChildRecordRef,
      description: "Records in the officer's scope, oldest first. Protection officers only; every call is logged. `search` (a name, or a whole 12-digit number) needs the identity right.",
      args: {
        unitCode: t.arg.string(),
        circumstance: t.arg({ type: CircumstanceGroupEnum }),
        search: t.arg.string(),
        purpose: t.arg.string({ required: true, description: PURPOSE_HELP }),
      },
      resolve: (_root, { unitCode, circumstance, search, purpose, first, after, last, before }, ctx) =>
        findChildRecords(registerCall(ctx), { unitCode, circumstance, search, purpose, first: last || before ? -1 : first, after }),
    },
    { fields: (c) => ({ totalCount: c.int({ resolve: (connection) => (connection as unknown as { totalCount: number }).totalCount }) }) },
  ),
  childRecord: t.field({
    type: ChildRecordRef,
    description: 'One record. An id outside your scope and an unknown id both answer NOT_FOUND. Logged.',
    args: { id: t.arg.id({ required: true }), purpose: t.arg.string({ required: true, description: PURPOSE_HELP }) },
    resolve: (_root, { id, purpose }, ctx) => findChildRecord(registerCall(ctx), { id: String(id), purpose }),
  }),
  registerAuditLog: t.connection({
    type: RegisterAccessEntryRef,
    description: "The children register's access log, newest first. Programme admins and protection officers with the audit right.",
    resolve: (_root, { first, after, last, before }, ctx) => readAccessLog(registerCall(ctx), { first: last || before ? -1 : first, after }),
  }),
  registerExports: t.field({
    type: [RegisterExportRef],
    description: 'Your exports that have not expired yet.',
    resolve: (_root, _args, ctx) => listRegisterExports(registerCall(ctx)),
  }),
  registerExportFile: t.field({
    type: RegisterExportFileRef,
    description: 'The encrypted file of one of your exports, until it expires. Logged.',
    args: { id: t.arg.id({ required: true }) },
    resolve: (_root, { id }, ctx) => downloadRegisterExport(registerCall(ctx), { id: String(id) }),
  }),
  childStatistics: t.field({
    type: [ChildStatisticsCellRef],
    description: 'Counts of children on the register in an area (public, no names): by sub-unit, circumstance, sex and age band. Cells under 5, and those that would reveal one, have `count: null` (docs/SUPPRESSION.md).',
    args: {
      unitCode: t.arg.string({ required: true }),
      by: t.arg({ type: [ChildStatisticsDimensionEnum], required: true }),
    },
    resolve: (_root, { unitCode, by }, ctx) => childStatisticsFor(registerCall(ctx), { unitCode, by }),
  }),
}));
