import { builder } from '../../builder.js';
import { createRegisterExport } from './exports.js';
import { registerCall } from './queries.js';
import { addServiceReceipt, createChildRecord, recordConsent, requestRegistryVerification, updateChildRecord } from './service.js';
import {
  CaseStatusEnum, ChildRecordRef, CircumstanceGroupEnum, ConsentGiverEnum, ConsentScopeEnum, GuardianRelationEnum,
  RegisterExportRef, ServiceSectorEnum, SexEnum,
} from './types.js';

const PURPOSE = 'As for `childRecord`: why, in a code and words. Logged.';

const GuardianInput = builder.inputType('GuardianInput', {
  fields: (t) => ({
    fullName: t.string({ required: true }),
    relation: t.field({ type: GuardianRelationEnum, required: true }),
    phone: t.string(),
  }),
});

const CreateChildRecordInput = builder.inputType('CreateChildRecordInput', {
  fields: (t) => ({
    purpose: t.string({ required: true, description: PURPOSE }),
    personalNumber: t.string({ description: '12 digits, consistent with birth date and sex.' }),
    familyName: t.string({ required: true }),
    middleName: t.string(),
    givenName: t.string({ required: true }),
    birthDate: t.string({ required: true, description: 'YYYY-MM-DD' }),
    sex: t.field({ type: SexEnum, required: true }),
    unitCode: t.string({ required: true, description: 'A ward or commune in your scope.' }),
    circumstances: t.field({ type: [CircumstanceGroupEnum] }),
    guardians: t.field({ type: [GuardianInput] }),
  }),
});

const UpdateChildRecordInput = builder.inputType('UpdateChildRecordInput', {
  description: 'Only the fields given change. Names, number, birth date and sex need the identity right.',
  fields: (t) => ({
    id: t.id({ required: true }),
    version: t.int({ required: true }),
    purpose: t.string({ required: true, description: PURPOSE }),
    caseStatus: t.field({ type: CaseStatusEnum }),
    unitCode: t.string(),
    circumstances: t.field({ type: [CircumstanceGroupEnum], description: 'The full new list.' }),
    personalNumber: t.string({ description: 'An empty string removes it.' }),
    familyName: t.string(),
    middleName: t.string(),
    givenName: t.string(),
    birthDate: t.string(),
    sex: t.field({ type: SexEnum }),
  }),
});

const AddServiceReceiptInput = builder.inputType('AddServiceReceiptInput', {
  fields: (t) => ({
    childId: t.id({ required: true }),
    purpose: t.string({ required: true, description: PURPOSE }),
    sector: t.field({ type: ServiceSectorEnum, required: true }),
    description: t.string({ required: true }),
    servicePointId: t.string({ description: 'The service directory entry (`ServicePoint`’s row id, as in `servicePointId`), when known.' }),
    receivedOn: t.string({ required: true, description: 'YYYY-MM-DD' }),
  }),
});

const RecordConsentInput = builder.inputType('RecordConsentInput', {
  fields: (t) => ({
    childId: t.id({ required: true }),
    purpose: t.string({ required: true, description: PURPOSE }),
    scope: t.field({ type: ConsentScopeEnum, required: true }),
    givenBy: t.field({ type: ConsentGiverEnum, required: true }),
    sharedWith: t.string(),
    givenOn: t.string({ required: true, description: 'YYYY-MM-DD' }),
  }),
});

const RequestRegistryVerificationInput = builder.inputType('RequestRegistryVerificationInput', {
  fields: (t) => ({ childId: t.id({ required: true }), purpose: t.string({ required: true, description: PURPOSE }) }),
});

const CreateRegisterExportInput = builder.inputType('CreateRegisterExportInput', {
  fields: (t) => ({
    purpose: t.string({ required: true, description: PURPOSE }),
    password: t.string({ required: true, description: '12 to 128 characters, chosen by you and never stored: without it the file cannot be opened.' }),
    unitCode: t.string(),
    circumstance: t.field({ type: CircumstanceGroupEnum }),
  }),
});

builder.mutationFields((t) => ({
  createChildRecord: t.field({
    type: ChildRecordRef,
    description: 'Adds a child to the register. Protection officers with the identity right for the ward.',
    args: { input: t.arg({ type: CreateChildRecordInput, required: true }) },
    resolve: (_root, { input }, ctx) => createChildRecord(registerCall(ctx), input as never),
  }),
  updateChildRecord: t.field({
    type: ChildRecordRef,
    description: 'Changes a record in your scope; CONFLICT when someone changed it since `version`.',
    args: { input: t.arg({ type: UpdateChildRecordInput, required: true }) },
    resolve: (_root, { input }, ctx) => updateChildRecord(registerCall(ctx), { ...input, id: String(input.id) } as never),
  }),
  addServiceReceipt: t.field({
    type: ChildRecordRef,
    args: { input: t.arg({ type: AddServiceReceiptInput, required: true }) },
    resolve: (_root, { input }, ctx) => addServiceReceipt(registerCall(ctx), { ...input, childId: String(input.childId) } as never),
  }),
  recordConsent: t.field({
    type: ChildRecordRef,
    args: { input: t.arg({ type: RecordConsentInput, required: true }) },
    resolve: (_root, { input }, ctx) => recordConsent(registerCall(ctx), { ...input, childId: String(input.childId) } as never),
  }),
  requestRegistryVerification: t.field({
    type: ChildRecordRef,
    description: 'Checks the record against the population database again, in the background.',
    args: { input: t.arg({ type: RequestRegistryVerificationInput, required: true }) },
    resolve: (_root, { input }, ctx) => requestRegistryVerification(registerCall(ctx), { childId: String(input.childId), purpose: input.purpose }),
  }),
  createRegisterExport: t.field({
    type: RegisterExportRef,
    description: 'Exports records (identity right needed) as an encrypted ZIP, downloadable by you for 24 hours. Logged.',
    args: { input: t.arg({ type: CreateRegisterExportInput, required: true }) },
    resolve: (_root, { input }, ctx) => createRegisterExport(registerCall(ctx), input),
  }),
}));
