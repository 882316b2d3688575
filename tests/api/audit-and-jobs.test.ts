// Foundations other modules build on: the append-only audit log and the job queue.
import { afterAll, afterEach, beforeAll, describe, expect, inject, it, vi } from 'vitest';
import { runDueJobs } from '@treem/api/jobs';
import { purgeExpiredSessions } from '../../api/src/modules/accounts/jobs.js';
import { startServer } from '../support/server.js';

let server: Awaited<ReturnType<typeof startServer>>;
const databaseUrl = inject('databaseUrl');
beforeAll(async () => {
  server = await startServer({ databaseUrl });
});
afterAll(() => server.close());
afterEach(() => vi.useRealTimers());

describe('the audit log', () => {
  it('takes new rows but refuses UPDATE, DELETE and TRUNCATE, even from the application’s own login', async () => {
    const { prisma } = server;
    const row = await prisma.auditLog.create({ data: { action: 'test.append', subjectType: 'Test', subjectId: 'x', data: { n: 1 } } });
    await expect(prisma.$executeRaw`UPDATE "AuditLog" SET "action" = 'test.changed' WHERE "id" = ${row.id}`).rejects.toThrow(/append-only/);
    await expect(prisma.$executeRaw`DELETE FROM "AuditLog" WHERE "id" = ${row.id}`).rejects.toThrow(/append-only/);
    await expect(prisma.$executeRawUnsafe('TRUNCATE "AuditLog"')).rejects.toThrow(/append-only/);
    expect(await prisma.auditLog.findUnique({ where: { id: row.id }, select: { action: true, data: true } })).toEqual({ action: 'test.append', data: { n: 1 } });
  });
});

describe('the job queue', () => {
  const expiredSession = async (hoursLeft: number) => {
    const user = await server.prisma.user.findUniqueOrThrow({ where: { username: 'child.demo' } });
    return server.prisma.session.create({
      data: { tokenHash: `test-${Math.random()}`, userId: user.id, expiresAt: new Date(Date.now() + hoursLeft * 3_600_000) },
    });
  };

  it('runs a job enqueued in a committed transaction, and never one whose transaction rolled back', async () => {
    const expired = await expiredSession(-1);
    const live = await expiredSession(+1);
    await expect(
      server.prisma.$transaction(async (tx) => {
        await purgeExpiredSessions.enqueue(tx, {}, { jobKey: 'test-rolled-back' });
        throw new Error('rolled back');
      }),
    ).rejects.toThrow('rolled back');
    const waiting = await server.prisma.$queryRaw<{ count: bigint }[]>`SELECT count(*) FROM graphile_worker.jobs WHERE key = 'test-rolled-back'`;
    expect(waiting).toEqual([{ count: 0n }]);

    await server.prisma.$transaction((tx) => purgeExpiredSessions.enqueue(tx, {}));
    await runDueJobs({ prisma: server.prisma, databaseUrl });
    expect(await server.prisma.session.findUnique({ where: { id: expired.id } })).toBeNull();
    expect(await server.prisma.session.findUnique({ where: { id: live.id } })).not.toBeNull();
  });

  it('runs a job at its time, on a clock the test controls', async () => {
    const session = await expiredSession(-1);
    const runAt = new Date(Date.now() + 3 * 86_400_000);
    await server.prisma.$transaction((tx) => purgeExpiredSessions.enqueue(tx, {}, { runAt, jobKey: 'test-later' }));

    await runDueJobs({ prisma: server.prisma, databaseUrl });
    expect(await server.prisma.session.findUnique({ where: { id: session.id } })).not.toBeNull();

    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(runAt.getTime() + 1000);
    await runDueJobs({ prisma: server.prisma, databaseUrl });
    expect(await server.prisma.session.findUnique({ where: { id: session.id } })).toBeNull();
  });

  it('refuses a payload its task does not accept, before anything is written', async () => {
    await expect(server.prisma.$transaction((tx) => purgeExpiredSessions.enqueue(tx, 'nonsense' as never))).rejects.toThrow();
  });
});
