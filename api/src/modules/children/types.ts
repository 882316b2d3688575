import type { RegisterAccessLog } from '@treem/db/client';
import { ServiceSectorEnum } from '../services/types.js';
import { AdminUnitRef } from '../geo/types.js';
import { builder } from '../../builder.js';
import { AppError } from '../../errors.js';
import { CIRCUMSTANCE_GROUPS } from './labels.js';
import { REGISTER_PURPOSES } from './policy.js';
import { AGE_BANDS, type ChildRecordView } from './service.js';
import { STATISTICS_DIMENSIONS, STATISTICS_GROUPS, type StatisticsCell } from './statistics.js';

// None of these types is a Relay node: `node(id:)` can never reach a child's record. Records
// leave the service already shaped for the officer (see recordView), so the fields below only
// expose what the policy let through.

export const SexEnum = builder.enumType('Sex', { values: ['MALE', 'FEMALE'] as const });
export const CaseStatusEnum = builder.enumType('CaseStatus', { values: ['OPEN', 'MONITORING', 'CLOSED'] as const });
export const CircumstanceGroupEnum = builder.enumType('CircumstanceGroup', {
  description: "The groups of children in special circumstances, Law on Children 2016, art. 10(1). Labels: `circumstanceGroups`.",
  values: Object.fromEntries(Object.entries(CIRCUMSTANCE_GROUPS).map(([group, label]) => [group, { description: `(${label.point}) ${label.vi} / ${label.en}` }])) as Record<keyof typeof CIRCUMSTANCE_GROUPS, { description: string }>,
});
export const GuardianRelationEnum = builder.enumType('GuardianRelation', {
  values: ['MOTHER', 'FATHER', 'GRANDPARENT', 'SIBLING', 'OTHER_RELATIVE', 'LEGAL_GUARDIAN', 'FOSTER_CARER', 'OTHER'] as const,
});
export { ServiceSectorEnum };
export const ConsentGiverEnum = builder.enumType('ConsentGiver', { values: ['CHILD', 'GUARDIAN', 'CHILD_AND_GUARDIAN'] as const });
export const ConsentScopeEnum = builder.enumType('ConsentScope', { values: ['RECORD_KEEPING', 'SHARE_WITH_SERVICE', 'SHARE_WITH_AGENCY', 'REGISTRY_VERIFICATION'] as const });
export const RegistryMatchEnum = builder.enumType('RegistryMatch', {
  description: 'The population database knows the number with this birth date (MATCHED), with another one (MISMATCH), or not at all (NOT_FOUND).',
  values: ['MATCHED', 'MISMATCH', 'NOT_FOUND'] as const,
});
export const ChildAgeBandEnum = builder.enumType('ChildAgeBand', { description: 'Completed years: 0–5, 6–10, 11–15, 16–17.', values: AGE_BANDS });
export const RegisterPurposeEnum = builder.enumType('RegisterPurpose', { values: REGISTER_PURPOSES });

export const CircumstanceGroupInfo = builder.objectRef<{ group: keyof typeof CIRCUMSTANCE_GROUPS; point: string; vi: string; en: string }>('CircumstanceGroupInfo').implement({
  fields: (t) => ({
    group: t.expose('group', { type: CircumstanceGroupEnum }),
    lawPoint: t.exposeString('point', { description: 'The point of article 10(1) of the Law on Children 2016.' }),
    labelVi: t.exposeString('vi'),
    labelEn: t.exposeString('en'),
  }),
});

type View = ChildRecordView;

const ChildCircumstanceRef = builder.objectRef<View['circumstances'][number]>('ChildCircumstance').implement({
  fields: (t) => ({
    group: t.expose('group', { type: CircumstanceGroupEnum }),
    since: t.exposeString('since', { description: 'YYYY-MM-DD' }),
  }),
});

const GuardianRef = builder.objectRef<View['guardians'][number]>('Guardian').implement({
  fields: (t) => ({
    id: t.exposeID('id'),
    relation: t.expose('relation', { type: GuardianRelationEnum }),
    fullName: t.exposeString('fullName', { nullable: true, description: 'Null without the identity right (the record says why: identityVisible).' }),
    phone: t.exposeString('phone', { nullable: true, description: 'Null without the identity right.' }),
  }),
});

const ServiceReceiptRef = builder.objectRef<View['services'][number]>('ServiceReceipt').implement({
  fields: (t) => ({
    id: t.exposeID('id'),
    sector: t.expose('sector', { type: ServiceSectorEnum }),
    description: t.exposeString('description'),
    servicePointId: t.exposeString('servicePointId', { nullable: true, description: 'The row id of the service directory entry (`servicePoints`), when known.' }),
    receivedOn: t.exposeString('receivedOn', { description: 'YYYY-MM-DD' }),
  }),
});

const ConsentRef = builder.objectRef<View['consents'][number]>('Consent').implement({
  fields: (t) => ({
    id: t.exposeID('id'),
    scope: t.expose('scope', { type: ConsentScopeEnum }),
    givenBy: t.expose('givenBy', { type: ConsentGiverEnum }),
    sharedWith: t.exposeString('sharedWith', { nullable: true }),
    givenOn: t.exposeString('givenOn'),
    withdrawnOn: t.exposeString('withdrawnOn', { nullable: true }),
  }),
});

const RegistryLinkRef = builder.objectRef<NonNullable<View['registryLink']>>('RegistryLink').implement({
  description: 'The record’s link with the national population database.',
  fields: (t) => ({
    status: t.expose('status', { type: RegistryMatchEnum, nullable: true, description: 'Null until a first answer.' }),
    mismatchFields: t.exposeStringList('mismatchFields'),
    lastVerifiedAt: t.expose('lastVerifiedAt', { type: 'DateTime', nullable: true }),
    attempts: t.exposeInt('attempts'),
    lastProblem: t.exposeString('lastProblem', { nullable: true, description: 'Why the last attempt gave no answer (a code).' }),
  }),
});

/**
 * A name, birth date or number: null and refused (FORBIDDEN, reason IDENTITY, on the field's
 * path) when the officer has no identity right for the child's unit, so a client that asks for
 * it learns that it was withheld rather than that it is empty.
 */
function identity(field: 'personalNumber' | 'familyName' | 'middleName' | 'givenName' | 'fullName' | 'birthDate', description?: string) {
  return {
    nullable: true as const,
    description: `${description ? `${description}. ` : ''}Refused (FORBIDDEN, IDENTITY) without the identity right.`,
    resolve: (record: View) => {
      if (!record.identityVisible) throw new AppError('FORBIDDEN', 'IDENTITY');
      return field === 'fullName' ? [record.familyName, record.middleName, record.givenName].filter(Boolean).join(' ') : record[field];
    },
  };
}

export const ChildRecordRef = builder.objectRef<View>('ChildRecord').implement({
  description: "A child's record in the protected register. Only protection officers of the child's unit read it; every read is logged.",
  fields: (t) => ({
    id: t.exposeID('id'),
    identityVisible: t.exposeBoolean('identityVisible', { description: 'False when the officer has no identity right here: names, birth date and number are then null.' }),
    personalNumber: t.string(identity('personalNumber')),
    familyName: t.string(identity('familyName')),
    middleName: t.string(identity('middleName')),
    givenName: t.string(identity('givenName')),
    fullName: t.string(identity('fullName')),
    birthDate: t.string(identity('birthDate', 'YYYY-MM-DD')),
    sex: t.expose('sex', { type: SexEnum }),
    ageBand: t.expose('ageBand', { type: ChildAgeBandEnum, nullable: true, description: 'Null from 18.' }),
    unit: t.field({ type: AdminUnitRef, resolve: (r) => r.unit }),
    caseStatus: t.expose('caseStatus', { type: CaseStatusEnum }),
    registeredOn: t.exposeString('registeredOn'),
    closedOn: t.exposeString('closedOn', { nullable: true }),
    retentionReview: t.exposeBoolean('retentionReview', { description: 'The child has turned 16: the record is due for review under the retention rule.' }),
    version: t.exposeInt('version', { description: 'Send it back with an update.' }),
    updatedAt: t.expose('updatedAt', { type: 'DateTime' }),
    circumstances: t.field({ type: [ChildCircumstanceRef], resolve: (r) => r.circumstances }),
    guardians: t.field({ type: [GuardianRef], resolve: (r) => r.guardians }),
    services: t.field({ type: [ServiceReceiptRef], resolve: (r) => r.services }),
    consents: t.field({ type: [ConsentRef], resolve: (r) => r.consents }),
    registryLink: t.field({ type: RegistryLinkRef, nullable: true, resolve: (r) => r.registryLink }),
  }),
});

export const RegisterAccessActionEnum = builder.enumType('RegisterAccessAction', {
  values: ['READ', 'LIST', 'SEARCH', 'CREATE', 'UPDATE', 'EXPORT', 'DOWNLOAD', 'STATISTICS', 'VERIFY', 'AUDIT_REVIEW'] as const,
});
export const RegisterAccessOutcomeEnum = builder.enumType('RegisterAccessOutcome', { values: ['ALLOWED', 'REFUSED'] as const });

export const RegisterAccessEntryRef = builder.objectRef<RegisterAccessLog & { actorUser: { displayName: string } | null }>('RegisterAccessEntry').implement({
  description: 'One read, change, export or refusal in the children register. Never changed or deleted.',
  fields: (t) => ({
    id: t.id({ resolve: (e) => e.id.toString() }),
    at: t.expose('at', { type: 'DateTime' }),
    actorName: t.string({ nullable: true, resolve: (e) => e.actorUser?.displayName ?? null }),
    actorIsApiClient: t.boolean({ resolve: (e) => e.actorApiClientId !== null }),
    action: t.expose('action', { type: RegisterAccessActionEnum }),
    outcome: t.expose('outcome', { type: RegisterAccessOutcomeEnum }),
    refusal: t.exposeString('refusal', { nullable: true, description: 'The error code of a refusal.' }),
    recordIds: t.exposeStringList('recordIds'),
    resultCount: t.exposeInt('resultCount', { nullable: true }),
    purposeCode: t.exposeString('purposeCode', { nullable: true }),
    purposeNote: t.exposeString('purposeNote', { nullable: true }),
    filter: t.expose('filter', { type: 'JSON', nullable: true, description: 'The shape of the filter: unit code, group, whether a search term was given (never the term).' }),
  }),
});

export const RegisterExportRef = builder.objectRef<{ id: string; fileName: string; recordCount: number; createdAt: Date; expiresAt: Date }>('RegisterExport').implement({
  description: 'An AES-256 encrypted ZIP of records, opened with the password its maker chose. Deleted when it expires.',
  fields: (t) => ({
    id: t.exposeID('id'),
    fileName: t.exposeString('fileName'),
    recordCount: t.exposeInt('recordCount'),
    createdAt: t.expose('createdAt', { type: 'DateTime' }),
    expiresAt: t.expose('expiresAt', { type: 'DateTime' }),
  }),
});

export const RegisterExportFileRef = builder.objectRef<{ id: string; fileName: string; content: Uint8Array }>('RegisterExportFile').implement({
  fields: (t) => ({
    fileName: t.exposeString('fileName'),
    contentBase64: t.string({ description: 'The encrypted ZIP, base64.', resolve: (file) => Buffer.from(file.content).toString('base64') }),
  }),
});

export const ChildStatisticsDimensionEnum = builder.enumType('ChildStatisticsDimension', { values: STATISTICS_DIMENSIONS });
export const ChildStatisticsCircumstanceEnum = builder.enumType('ChildStatisticsCircumstance', {
  description: 'A child counts once: under the first of its groups in the law’s order, or NONE.',
  values: STATISTICS_GROUPS,
});

export const ChildStatisticsCellRef = builder.objectRef<StatisticsCell>('ChildStatisticsCell').implement({
  description: 'A count of children on the register. Dimensions not asked for are null (all values).',
  fields: (t) => ({
    unitCode: t.string({ resolve: (c) => c.unit.code }),
    unitNameVi: t.string({ resolve: (c) => c.unit.nameVi }),
    unitNameEn: t.string({ resolve: (c) => c.unit.nameEn }),
    circumstance: t.expose('circumstance', { type: ChildStatisticsCircumstanceEnum, nullable: true }),
    sex: t.expose('sex', { type: SexEnum, nullable: true }),
    ageBand: t.expose('ageBand', { type: ChildAgeBandEnum, nullable: true }),
    count: t.exposeInt('count', { nullable: true, description: 'Null when suppressed (docs/SUPPRESSION.md).' }),
    suppressed: t.boolean({ resolve: (c) => c.count === null }),
  }),
});
