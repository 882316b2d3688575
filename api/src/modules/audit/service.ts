import type { Prisma } from '@treem/db/client';

/**
 * Every audited action and the shape of its data. A module adds its own actions where it
 * writes them, by declaration merging:
 *
 *   declare module '../audit/service.js' {
 *     interface AuditActions { 'proposal.approve': { version: number; votingDays: number } }
 *   }
 */
export interface AuditActions {}

export type AuditAction = keyof AuditActions;

/** Who acted: a person, an agency system, or neither (the server itself: jobs, the CLI). */
export interface Actor {
  userId: string | null;
  apiClientId: string | null;
  clientIp: string | null;
}

export const SYSTEM_ACTOR: Actor = { userId: null, apiClientId: null, clientIp: null };

export interface AuditEntry<A extends AuditAction> {
  actor: Actor;
  action: A;
  subject: { type: string; id: string };
  data: AuditActions[A];
}

/**
 * Appends one row to the audit log. Pass the transaction that makes the change, so the row
 * exists exactly when the change does. The table refuses UPDATE and DELETE (a trigger).
 */
export async function recordAudit<A extends AuditAction>(tx: Pick<Prisma.TransactionClient, 'auditLog'>, entry: AuditEntry<A>): Promise<void> {
  await tx.auditLog.create({ data: auditRow(entry), select: { id: true } });
}

/**
 * Appends many rows in one statement (a bulk import changes thousands of values at once), on
 * the transaction that makes the changes.
 */
export async function recordAudits<A extends AuditAction>(
  tx: Pick<Prisma.TransactionClient, 'auditLog'>,
  entries: AuditEntry<A>[],
): Promise<void> {
  if (entries.length === 0) return;
  await tx.auditLog.createMany({ data: entries.map(auditRow) });
}

function auditRow<A extends AuditAction>({ actor, action, subject, data }: AuditEntry<A>) {
  return {
    action,
    actorUserId: actor.userId,
    actorApiClientId: actor.apiClientId,
    clientIp: actor.clientIp,
    subjectType: subject.type,
    subjectId: subject.id,
    data: data as Prisma.InputJsonValue,
  };
}
