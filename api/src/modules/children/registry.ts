// Verification runs: the register's records checked against the population database in
// batches. Each batch commits its answers together with the run's checkpoint in one
// transaction, so a run that stops (a crash, the service down) has nothing half-written and
// resumes after the last committed batch.
import type { Db, Prisma } from '@treem/db/client';
import { RegistryUnavailable, type PopulationRegistry, type VerificationOutcome } from './connector/index.js';

export interface RunProgress {
  total: number;
  processed: number;
}

export interface RunVerificationOptions {
  prisma: Db;
  registry: PopulationRegistry;
  /** Records per call (at most the connector's maxBatch). */
  batchSize?: number;
  onProgress?: (progress: RunProgress) => void;
  /** Rows of the source that could not be used (a file's malformed lines), kept on a new run. */
  sourceProblems?: { line: number; code: string }[];
}

type Candidate = { id: string; personalNumber: string; birthDate: Date };

/**
 * Runs (or resumes) a verification of every record with a personal number. A run that did
 * not complete on the same source (the same file, the same service) is resumed after its
 * checkpoint; otherwise a new run starts. Returns the run, COMPLETED or FAILED.
 */
export async function runVerification({ prisma, registry, batchSize = registry.maxBatch, onProgress, sourceProblems = [] }: RunVerificationOptions) {
  const size = Math.min(batchSize, registry.maxBatch);
  const withNumber = { personalNumber: { not: null } } satisfies Prisma.ChildRecordWhereInput;
  let run = await prisma.registryRun.findFirst({
    where: { source: registry.source, sourceRef: registry.sourceRef, status: { not: 'COMPLETED' } },
    orderBy: { startedAt: 'desc' },
  });
  if (run) {
    run = await prisma.registryRun.update({ where: { id: run.id }, data: { status: 'RUNNING', finishedAt: null } });
  } else {
    run = await prisma.registryRun.create({
      data: {
        source: registry.source, sourceRef: registry.sourceRef, total: await prisma.childRecord.count({ where: withNumber }),
        problems: { createMany: { data: sourceProblems.map(({ line, code }) => ({ line, code })) } },
      },
    });
  }
  onProgress?.({ total: run.total, processed: run.processed });

  for (;;) {
    const batch = (await prisma.childRecord.findMany({
      where: { ...withNumber, ...(run.checkpoint ? { id: { gt: run.checkpoint } } : {}) },
      select: { id: true, personalNumber: true, birthDate: true },
      orderBy: { id: 'asc' },
      take: size,
    })) as Candidate[];
    if (batch.length === 0) break;
    let answers: VerificationOutcome[];
    try {
      answers = await registry.verify(batch.map((record, index) => ({ ref: String(index), personalNumber: record.personalNumber, birthDate: record.birthDate.toISOString().slice(0, 10) })));
    } catch (error) {
      if (!(error instanceof RegistryUnavailable)) throw error;
      return prisma.registryRun.update({
        where: { id: run.id },
        data: { status: 'FAILED', finishedAt: new Date(), problems: { create: { code: error.reason } } },
      });
    }
    run = await prisma.$transaction(async (tx) => {
      const counts = await recordOutcomes(tx, batch, answers, run!.id);
      return tx.registryRun.update({
        where: { id: run!.id },
        data: {
          checkpoint: batch.at(-1)!.id,
          processed: { increment: batch.length },
          matched: { increment: counts.MATCHED },
          mismatched: { increment: counts.MISMATCH },
          notFound: { increment: counts.NOT_FOUND },
          failed: { increment: counts.failed },
        },
      });
    });
    onProgress?.({ total: Math.max(run.total, run.processed), processed: run.processed });
  }
  // Records added while the run went on were verified too: the total is what was verified.
  return prisma.registryRun.update({ where: { id: run.id }, data: { status: 'COMPLETED', finishedAt: new Date(), total: run.processed } });
}

/** Checks a few records now (an officer's request), outside any run. */
export async function verifyChildren({ prisma, registry, childIds }: { prisma: Db; registry: PopulationRegistry; childIds: string[] }) {
  const records = (await prisma.childRecord.findMany({
    where: { id: { in: childIds }, personalNumber: { not: null } },
    select: { id: true, personalNumber: true, birthDate: true },
    orderBy: { id: 'asc' },
  })) as Candidate[];
  for (let start = 0; start < records.length; start += registry.maxBatch) {
    const batch = records.slice(start, start + registry.maxBatch);
    try {
      const answers = await registry.verify(batch.map((record, index) => ({ ref: String(index), personalNumber: record.personalNumber, birthDate: record.birthDate.toISOString().slice(0, 10) })));
      await prisma.$transaction((tx) => recordOutcomes(tx, batch, answers, null));
    } catch (error) {
      if (!(error instanceof RegistryUnavailable)) throw error;
      await noteProblem(prisma, batch.map((r) => r.id), error.reason);
    }
  }
}

/** Records that could not be checked at all (no service, service down): one more attempt, and why. */
export async function noteProblem(prisma: Db, childIds: string[], problem: string) {
  for (const childId of childIds) {
    await prisma.registryLink.upsert({
      where: { childId },
      create: { childId, attempts: 1, lastProblem: problem },
      update: { attempts: { increment: 1 }, lastProblem: problem },
    });
  }
}

async function recordOutcomes(tx: Prisma.TransactionClient, batch: Candidate[], answers: VerificationOutcome[], runId: string | null) {
  const counts = { MATCHED: 0, MISMATCH: 0, NOT_FOUND: 0, failed: 0 };
  const now = new Date();
  for (const [index, record] of batch.entries()) {
    const answer = answers.find((a) => a.ref === String(index)) ?? { ref: String(index), problem: 'MALFORMED_ANSWER' as const };
    if ('problem' in answer) {
      counts.failed++;
      await tx.registryLink.upsert({
        where: { childId: record.id },
        create: { childId: record.id, attempts: 1, lastProblem: answer.problem },
        update: { attempts: { increment: 1 }, lastProblem: answer.problem },
      });
      if (runId) await tx.registryRunProblem.create({ data: { runId, childId: record.id, code: answer.problem } });
      continue;
    }
    counts[answer.status]++;
    const link = { status: answer.status, mismatchFields: answer.mismatch, lastVerifiedAt: now, lastProblem: null };
    await tx.registryLink.upsert({
      where: { childId: record.id },
      create: { childId: record.id, attempts: 1, ...link },
      update: { attempts: { increment: 1 }, ...link },
    });
  }
  return counts;
}
