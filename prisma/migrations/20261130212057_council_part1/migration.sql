/*
  Warnings:

  - A unique constraint covering the columns `[escalatedFromId]` on the table `Proposal` will be added. If there are existing duplicate values, this will fail.

*/
-- CreateEnum
CREATE TYPE "ConsentMethod" AS ENUM ('SIGNED_FORM', 'IN_PERSON', 'PHONE');

-- CreateEnum
CREATE TYPE "ReturnReason" AS ENUM ('NEEDS_DETAIL', 'PERSONAL_INFORMATION', 'UNKIND_WORDS', 'OFF_TOPIC', 'DUPLICATE', 'OTHER');

-- CreateEnum
CREATE TYPE "ReferralState" AS ENUM ('PENDING', 'OVERDUE', 'ANSWERED');

-- CreateEnum
CREATE TYPE "Stance" AS ENUM ('ACCEPTED', 'PARTIAL', 'DECLINED');

-- CreateEnum
CREATE TYPE "CommitmentStatus" AS ENUM ('IN_PROGRESS', 'DONE');

-- CreateEnum
CREATE TYPE "NoticeKind" AS ENUM ('REFERRAL_RECEIVED', 'REFERRAL_OVERDUE', 'REFERRAL_REMINDER');

-- AlterTable
ALTER TABLE "Council" ADD COLUMN     "votingDays" INTEGER NOT NULL DEFAULT 7;

-- AlterTable
ALTER TABLE "Credential" ADD COLUMN     "mustChange" BOOLEAN NOT NULL DEFAULT false;

-- AlterTable
ALTER TABLE "Membership" ADD COLUMN     "guardianConsentBy" "GuardianRelation",
ADD COLUMN     "guardianConsentHow" "ConsentMethod",
ADD COLUMN     "joinedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP;

-- AlterTable
ALTER TABLE "Proposal" ADD COLUMN     "closedAt" TIMESTAMP(3),
ADD COLUMN     "escalatedAt" TIMESTAMP(3),
ADD COLUMN     "escalatedFromId" TEXT,
ADD COLUMN     "objectiveGroup" INTEGER,
ADD COLUMN     "resultMembers" INTEGER,
ADD COLUMN     "resultQuorumMet" BOOLEAN,
ADD COLUMN     "resultSupportShare" DOUBLE PRECISION,
ADD COLUMN     "resultVoters" INTEGER,
ADD COLUMN     "returnMessage" TEXT,
ADD COLUMN     "returnReason" "ReturnReason",
ADD COLUMN     "submittedAt" TIMESTAMP(3);

-- CreateTable
CREATE TABLE "Referral" (
    "id" TEXT NOT NULL,
    "proposalId" TEXT NOT NULL,
    "agencyId" TEXT NOT NULL,
    "dueOn" DATE NOT NULL,
    "state" "ReferralState" NOT NULL DEFAULT 'PENDING',
    "overdueAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Referral_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Response" (
    "id" TEXT NOT NULL,
    "referralId" TEXT NOT NULL,
    "stance" "Stance" NOT NULL,
    "explanation" TEXT NOT NULL,
    "answeredAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Response_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Commitment" (
    "id" TEXT NOT NULL,
    "responseId" TEXT NOT NULL,
    "position" INTEGER NOT NULL,
    "text" TEXT NOT NULL,
    "dueOn" DATE NOT NULL,
    "status" "CommitmentStatus" NOT NULL DEFAULT 'IN_PROGRESS',
    "progress" TEXT,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Commitment_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ResponseRating" (
    "responseId" TEXT NOT NULL,
    "raterId" TEXT NOT NULL,
    "clear" BOOLEAN NOT NULL,
    "helpful" BOOLEAN NOT NULL,
    "ratedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ResponseRating_pkey" PRIMARY KEY ("responseId","raterId")
);

-- CreateTable
CREATE TABLE "Notice" (
    "id" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "kind" "NoticeKind" NOT NULL,
    "proposalId" TEXT,
    "referralId" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "readAt" TIMESTAMP(3),

    CONSTRAINT "Notice_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "Referral_proposalId_key" ON "Referral"("proposalId");

-- CreateIndex
CREATE INDEX "Referral_agencyId_state_createdAt_idx" ON "Referral"("agencyId", "state", "createdAt");

-- CreateIndex
CREATE UNIQUE INDEX "Response_referralId_key" ON "Response"("referralId");

-- CreateIndex
CREATE UNIQUE INDEX "Commitment_responseId_position_key" ON "Commitment"("responseId", "position");

-- CreateIndex
CREATE INDEX "Notice_userId_createdAt_idx" ON "Notice"("userId", "createdAt");

-- CreateIndex
CREATE UNIQUE INDEX "Proposal_escalatedFromId_key" ON "Proposal"("escalatedFromId");

-- CreateIndex
CREATE INDEX "Proposal_state_submittedAt_idx" ON "Proposal"("state", "submittedAt");

-- AddForeignKey
ALTER TABLE "Proposal" ADD CONSTRAINT "Proposal_escalatedFromId_fkey" FOREIGN KEY ("escalatedFromId") REFERENCES "Proposal"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Referral" ADD CONSTRAINT "Referral_proposalId_fkey" FOREIGN KEY ("proposalId") REFERENCES "Proposal"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Referral" ADD CONSTRAINT "Referral_agencyId_fkey" FOREIGN KEY ("agencyId") REFERENCES "Agency"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Response" ADD CONSTRAINT "Response_referralId_fkey" FOREIGN KEY ("referralId") REFERENCES "Referral"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Commitment" ADD CONSTRAINT "Commitment_responseId_fkey" FOREIGN KEY ("responseId") REFERENCES "Response"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ResponseRating" ADD CONSTRAINT "ResponseRating_responseId_fkey" FOREIGN KEY ("responseId") REFERENCES "Response"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ResponseRating" ADD CONSTRAINT "ResponseRating_raterId_fkey" FOREIGN KEY ("raterId") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Notice" ADD CONSTRAINT "Notice_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Notice" ADD CONSTRAINT "Notice_proposalId_fkey" FOREIGN KEY ("proposalId") REFERENCES "Proposal"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Notice" ADD CONSTRAINT "Notice_referralId_fkey" FOREIGN KEY ("referralId") REFERENCES "Referral"("id") ON DELETE SET NULL ON UPDATE CASCADE;
