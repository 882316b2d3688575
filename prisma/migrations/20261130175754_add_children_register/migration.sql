-- CreateEnum
CREATE TYPE "RegisterRight" AS ENUM ('IDENTITY', 'AUDIT');

-- CreateEnum
CREATE TYPE "Sex" AS ENUM ('MALE', 'FEMALE');

-- CreateEnum
CREATE TYPE "CaseStatus" AS ENUM ('OPEN', 'MONITORING', 'CLOSED');

-- CreateEnum
CREATE TYPE "CircumstanceGroup" AS ENUM ('ORPHANED', 'ABANDONED', 'WITHOUT_CARE', 'DISABILITY', 'HIV_AIDS', 'IN_CONFLICT_WITH_LAW', 'DRUG_ADDICTION', 'WORKING_OUT_OF_SCHOOL', 'SERIOUSLY_HARMED_BY_VIOLENCE', 'EXPLOITED', 'SEXUALLY_ABUSED', 'TRAFFICKED', 'SERIOUSLY_ILL_POOR_HOUSEHOLD', 'MIGRANT_OR_REFUGEE_UNACCOMPANIED');

-- CreateEnum
CREATE TYPE "GuardianRelation" AS ENUM ('MOTHER', 'FATHER', 'GRANDPARENT', 'SIBLING', 'OTHER_RELATIVE', 'LEGAL_GUARDIAN', 'FOSTER_CARER', 'OTHER');

-- CreateEnum
CREATE TYPE "ServiceSector" AS ENUM ('HEALTH', 'EDUCATION', 'JUSTICE', 'SOCIAL_PROTECTION', 'CHILD_PROTECTION');

-- CreateEnum
CREATE TYPE "ConsentGiver" AS ENUM ('CHILD', 'GUARDIAN', 'CHILD_AND_GUARDIAN');

-- CreateEnum
CREATE TYPE "ConsentScope" AS ENUM ('RECORD_KEEPING', 'SHARE_WITH_SERVICE', 'SHARE_WITH_AGENCY', 'REGISTRY_VERIFICATION');

-- CreateEnum
CREATE TYPE "RegistryMatch" AS ENUM ('MATCHED', 'MISMATCH', 'NOT_FOUND');

-- CreateEnum
CREATE TYPE "RegistryRunSource" AS ENUM ('FILE', 'HTTP');

-- CreateEnum
CREATE TYPE "RegistryRunStatus" AS ENUM ('RUNNING', 'COMPLETED', 'FAILED');

-- CreateEnum
CREATE TYPE "RegisterAccessAction" AS ENUM ('READ', 'LIST', 'SEARCH', 'CREATE', 'UPDATE', 'EXPORT', 'DOWNLOAD', 'STATISTICS', 'VERIFY', 'AUDIT_REVIEW');

-- CreateEnum
CREATE TYPE "RegisterAccessOutcome" AS ENUM ('ALLOWED', 'REFUSED');

-- AlterTable
ALTER TABLE "RoleGrant" ADD COLUMN     "rights" "RegisterRight"[] DEFAULT ARRAY[]::"RegisterRight"[];

-- CreateTable
CREATE TABLE "ChildRecord" (
    "id" TEXT NOT NULL,
    "personalNumber" TEXT,
    "familyName" TEXT NOT NULL,
    "middleName" TEXT,
    "givenName" TEXT NOT NULL,
    "birthDate" DATE NOT NULL,
    "sex" "Sex" NOT NULL,
    "unitId" TEXT NOT NULL,
    "caseStatus" "CaseStatus" NOT NULL DEFAULT 'OPEN',
    "registeredOn" DATE NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "closedOn" DATE,
    "retentionReviewFlaggedAt" TIMESTAMP(3),
    "version" INTEGER NOT NULL DEFAULT 0,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "ChildRecord_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Guardian" (
    "id" TEXT NOT NULL,
    "childId" TEXT NOT NULL,
    "fullName" TEXT NOT NULL,
    "relation" "GuardianRelation" NOT NULL,
    "phone" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Guardian_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Circumstance" (
    "childId" TEXT NOT NULL,
    "group" "CircumstanceGroup" NOT NULL,
    "since" DATE NOT NULL,

    CONSTRAINT "Circumstance_pkey" PRIMARY KEY ("childId","group")
);

-- CreateTable
CREATE TABLE "ServiceReceipt" (
    "id" TEXT NOT NULL,
    "childId" TEXT NOT NULL,
    "sector" "ServiceSector" NOT NULL,
    "description" TEXT NOT NULL,
    "servicePointId" TEXT,
    "receivedOn" DATE NOT NULL,
    "recordedById" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ServiceReceipt_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Consent" (
    "id" TEXT NOT NULL,
    "childId" TEXT NOT NULL,
    "scope" "ConsentScope" NOT NULL,
    "givenBy" "ConsentGiver" NOT NULL,
    "sharedWith" TEXT,
    "givenOn" DATE NOT NULL,
    "withdrawnOn" DATE,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Consent_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "RegistryLink" (
    "childId" TEXT NOT NULL,
    "status" "RegistryMatch",
    "mismatchFields" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "lastVerifiedAt" TIMESTAMP(3),
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "lastProblem" TEXT,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "RegistryLink_pkey" PRIMARY KEY ("childId")
);

-- CreateTable
CREATE TABLE "RegistryRun" (
    "id" TEXT NOT NULL,
    "source" "RegistryRunSource" NOT NULL,
    "sourceRef" TEXT NOT NULL,
    "status" "RegistryRunStatus" NOT NULL DEFAULT 'RUNNING',
    "checkpoint" TEXT,
    "total" INTEGER NOT NULL DEFAULT 0,
    "processed" INTEGER NOT NULL DEFAULT 0,
    "matched" INTEGER NOT NULL DEFAULT 0,
    "mismatched" INTEGER NOT NULL DEFAULT 0,
    "notFound" INTEGER NOT NULL DEFAULT 0,
    "failed" INTEGER NOT NULL DEFAULT 0,
    "startedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "finishedAt" TIMESTAMP(3),

    CONSTRAINT "RegistryRun_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "RegistryRunProblem" (
    "id" BIGSERIAL NOT NULL,
    "runId" TEXT NOT NULL,
    "line" INTEGER,
    "childId" TEXT,
    "code" TEXT NOT NULL,
    "at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "RegistryRunProblem_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "RegisterAccessLog" (
    "id" BIGSERIAL NOT NULL,
    "at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "actorUserId" TEXT,
    "actorApiClientId" TEXT,
    "clientIp" TEXT,
    "action" "RegisterAccessAction" NOT NULL,
    "outcome" "RegisterAccessOutcome" NOT NULL,
    "refusal" TEXT,
    "recordIds" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "resultCount" INTEGER,
    "purposeCode" TEXT,
    "purposeNote" TEXT,
    "filter" JSONB,

    CONSTRAINT "RegisterAccessLog_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "RegisterExport" (
    "id" TEXT NOT NULL,
    "createdById" TEXT NOT NULL,
    "fileName" TEXT NOT NULL,
    "content" BYTEA NOT NULL,
    "recordCount" INTEGER NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "expiresAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "RegisterExport_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "ChildRecord_personalNumber_key" ON "ChildRecord"("personalNumber");

-- CreateIndex
CREATE INDEX "ChildRecord_unitId_id_idx" ON "ChildRecord"("unitId", "id");

-- CreateIndex
CREATE INDEX "ChildRecord_birthDate_idx" ON "ChildRecord"("birthDate");

-- CreateIndex
CREATE INDEX "Guardian_childId_idx" ON "Guardian"("childId");

-- CreateIndex
CREATE INDEX "Circumstance_group_idx" ON "Circumstance"("group");

-- CreateIndex
CREATE INDEX "ServiceReceipt_childId_receivedOn_idx" ON "ServiceReceipt"("childId", "receivedOn");

-- CreateIndex
CREATE INDEX "Consent_childId_idx" ON "Consent"("childId");

-- CreateIndex
CREATE INDEX "RegistryLink_status_idx" ON "RegistryLink"("status");

-- CreateIndex
CREATE INDEX "RegistryRun_source_sourceRef_status_idx" ON "RegistryRun"("source", "sourceRef", "status");

-- CreateIndex
CREATE INDEX "RegistryRunProblem_runId_idx" ON "RegistryRunProblem"("runId");

-- CreateIndex
CREATE INDEX "RegisterAccessLog_at_idx" ON "RegisterAccessLog"("at");

-- CreateIndex
CREATE INDEX "RegisterAccessLog_actorUserId_at_idx" ON "RegisterAccessLog"("actorUserId", "at");

-- CreateIndex
CREATE INDEX "RegisterExport_expiresAt_idx" ON "RegisterExport"("expiresAt");

-- AddForeignKey
ALTER TABLE "ChildRecord" ADD CONSTRAINT "ChildRecord_unitId_fkey" FOREIGN KEY ("unitId") REFERENCES "AdminUnit"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Guardian" ADD CONSTRAINT "Guardian_childId_fkey" FOREIGN KEY ("childId") REFERENCES "ChildRecord"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Circumstance" ADD CONSTRAINT "Circumstance_childId_fkey" FOREIGN KEY ("childId") REFERENCES "ChildRecord"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ServiceReceipt" ADD CONSTRAINT "ServiceReceipt_childId_fkey" FOREIGN KEY ("childId") REFERENCES "ChildRecord"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Consent" ADD CONSTRAINT "Consent_childId_fkey" FOREIGN KEY ("childId") REFERENCES "ChildRecord"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "RegistryLink" ADD CONSTRAINT "RegistryLink_childId_fkey" FOREIGN KEY ("childId") REFERENCES "ChildRecord"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "RegistryRunProblem" ADD CONSTRAINT "RegistryRunProblem_runId_fkey" FOREIGN KEY ("runId") REFERENCES "RegistryRun"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "RegisterAccessLog" ADD CONSTRAINT "RegisterAccessLog_actorUserId_fkey" FOREIGN KEY ("actorUserId") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "RegisterExport" ADD CONSTRAINT "RegisterExport_createdById_fkey" FOREIGN KEY ("createdById") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- The register's access log is append-only, like AuditLog: the trigger refuses UPDATE, DELETE
-- and TRUNCATE for every login (superusers included), and the privileges to do them are taken
-- from everyone, the owning login too, so a plain application login is refused twice.
CREATE TRIGGER "RegisterAccessLog_append_only" BEFORE UPDATE OR DELETE ON "RegisterAccessLog"
  FOR EACH ROW EXECUTE FUNCTION treem_refuse_change();
CREATE TRIGGER "RegisterAccessLog_no_truncate" BEFORE TRUNCATE ON "RegisterAccessLog"
  FOR EACH STATEMENT EXECUTE FUNCTION treem_refuse_change();
REVOKE UPDATE, DELETE, TRUNCATE ON "RegisterAccessLog" FROM PUBLIC;
DO $$
BEGIN
  EXECUTE format('REVOKE UPDATE, DELETE, TRUNCATE ON "RegisterAccessLog" FROM %I', current_user);
END
$$;
