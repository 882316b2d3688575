// Exports leave the register only as AES-256 encrypted ZIP files, opened with a password the
// officer chooses (7-Zip, WinRAR, PeaZip and most archive tools open them). The password is
// never stored; the encrypted file is kept until it expires, for its maker alone.
import { BlobWriter, TextReader, ZipWriter, configure } from '@zip.js/zip.js';
import { z } from 'zod';
import type { CircumstanceGroup } from '@treem/db/client';
import { AppError } from '../../errors.js';
import { registerScope, refusalFor } from './policy.js';
import { admit, logAccess, recordInclude, refuse, scopedWhere, type AccessEntry, type RegisterCall } from './service.js';

configure({ useWebWorkers: false });

export const EXPORT_HOURS = 24;
export const MAX_EXPORT_RECORDS = 5000;
const password = z.string().min(12).max(128);

/** A cell a spreadsheet would run as a formula is prefixed with an apostrophe (CSV injection). */
function csvCell(value: string | null): string {
  const text = value ?? '';
  const safe = /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
  return /[",\n\r]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

export async function createRegisterExport(
  call: RegisterCall,
  args: { purpose: string; password: string; unitCode?: string | null; circumstance?: CircumstanceGroup | null },
) {
  const entry: AccessEntry = { action: 'EXPORT', filter: { circumstance: args.circumstance ?? null } };
  const { scope, purpose } = await admit(call, 'EXPORT', args.purpose, entry);
  entry.purpose = purpose;
  if (scope.identityUnitIds.size === 0) return refuse(call, entry, new AppError('FORBIDDEN', 'IDENTITY'));
  if (!password.safeParse(args.password).success) return refuse(call, entry, new AppError('BAD_USER_INPUT', 'EXPORT_PASSWORD'));
  const where = await scopedWhere(call, scope, { unitCode: args.unitCode, circumstance: args.circumstance }, entry);
  // Identities leave only where the officer may see them.
  const records = await call.prisma.childRecord.findMany({
    where: { AND: [where, { unitId: { in: [...scope.identityUnitIds] } }] },
    include: recordInclude,
    orderBy: { id: 'asc' },
    take: MAX_EXPORT_RECORDS + 1,
  });
  if (records.length > MAX_EXPORT_RECORDS) return refuse(call, entry, new AppError('BAD_USER_INPUT', 'EXPORT_TOO_LARGE', { max: MAX_EXPORT_RECORDS }));

  const header = ['record_id', 'personal_number', 'family_name', 'middle_name', 'given_name', 'birth_date', 'sex', 'unit_code', 'case_status', 'circumstances', 'registry_status'];
  const lines = records.map((r) =>
    [r.id, r.personalNumber, r.familyName, r.middleName, r.givenName, r.birthDate.toISOString().slice(0, 10), r.sex, r.unit.code, r.caseStatus,
      r.circumstances.map((c) => c.group).join(' '), r.registryLink?.status ?? null].map(csvCell).join(','));
  const stamp = new Date().toISOString().slice(0, 16).replace(/[-:T]/g, '');
  const zip = new ZipWriter(new BlobWriter('application/zip'), { password: args.password, encryptionStrength: 3 });
  // A byte-order mark so spreadsheet programs read the Vietnamese names as UTF-8.
  await zip.add(`so-theo-doi-tre-em-${stamp}.csv`, new TextReader(`\uFEFF${[header.join(','), ...lines].join('\r\n')}\r\n`));
  const content = Buffer.from(await (await zip.close()).arrayBuffer());

  return call.prisma.$transaction(async (tx) => {
    const created = await tx.registerExport.create({
      data: {
        createdById: scope.userId, fileName: `so-theo-doi-tre-em-${stamp}.zip`, content, recordCount: records.length,
        expiresAt: new Date(Date.now() + EXPORT_HOURS * 3_600_000),
      },
      select: { id: true, fileName: true, recordCount: true, createdAt: true, expiresAt: true },
    });
    await logAccess(tx, call.actor, { ...entry, recordIds: records.map((r) => r.id), resultCount: records.length });
    return created;
  });
}

/** The officer's own exports that have not expired. */
export async function listRegisterExports(call: RegisterCall) {
  const userId = call.principal.viewer?.id;
  if (!userId || call.principal.apiClient) return [];
  return call.prisma.registerExport.findMany({
    where: { createdById: userId, expiresAt: { gt: new Date() } },
    select: { id: true, fileName: true, recordCount: true, createdAt: true, expiresAt: true },
    orderBy: { createdAt: 'desc' },
  });
}

/**
 * The encrypted file, for the officer who made it and until it expires. Anyone else, an
 * unknown id and an expired export all answer NOT_FOUND.
 */
export async function downloadRegisterExport(call: RegisterCall, { id }: { id: string }) {
  const entry: AccessEntry = { action: 'DOWNLOAD' };
  // Still an officer today: losing the grant ends access to files made before.
  const scope = await registerScope({ prisma: call.prisma, principal: call.principal });
  if (!scope) return refuse(call, entry, new AppError(refusalFor(call.principal)));
  const userId = scope.userId;
  const file = await call.prisma.registerExport.findFirst({
    where: { id: id.slice(0, 40), createdById: userId, expiresAt: { gt: new Date() } },
    select: { id: true, fileName: true, content: true, recordCount: true },
  });
  if (!file) return refuse(call, entry, new AppError('NOT_FOUND'));
  await logAccess(call.prisma, call.actor, { ...entry, filter: { export: file.id }, resultCount: file.recordCount });
  return file;
}
