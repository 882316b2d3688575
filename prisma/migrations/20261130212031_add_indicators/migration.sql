-- CreateEnum
CREATE TYPE "IndicatorDirection" AS ENUM ('HIGHER_IS_BETTER', 'LOWER_IS_BETTER');

-- CreateEnum
CREATE TYPE "SubmissionState" AS ENUM ('DRAFT', 'SUBMITTED', 'APPROVED', 'RETURNED');

-- CreateTable
CREATE TABLE "Indicator" (
    "id" TEXT NOT NULL,
    "code" TEXT NOT NULL,
    "nameVi" TEXT NOT NULL,
    "nameEn" TEXT NOT NULL,
    "numeratorVi" TEXT NOT NULL,
    "numeratorEn" TEXT NOT NULL,
    "denominatorVi" TEXT NOT NULL,
    "denominatorEn" TEXT NOT NULL,
    "factor" INTEGER NOT NULL,
    "unit" TEXT NOT NULL,
    "direction" "IndicatorDirection" NOT NULL,
    "objectiveGroupId" TEXT NOT NULL,
    "agencyId" TEXT NOT NULL,
    "demo" BOOLEAN NOT NULL DEFAULT false,

    CONSTRAINT "Indicator_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "IndicatorTarget" (
    "id" TEXT NOT NULL,
    "indicatorId" TEXT NOT NULL,
    "unitId" TEXT NOT NULL,
    "baselineYear" INTEGER NOT NULL,
    "baseline" DOUBLE PRECISION NOT NULL,
    "target2025" DOUBLE PRECISION NOT NULL,
    "target2030" DOUBLE PRECISION NOT NULL,

    CONSTRAINT "IndicatorTarget_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Submission" (
    "id" TEXT NOT NULL,
    "indicatorId" TEXT NOT NULL,
    "period" TEXT NOT NULL,
    "agencyId" TEXT NOT NULL,
    "state" "SubmissionState" NOT NULL DEFAULT 'DRAFT',
    "version" INTEGER NOT NULL DEFAULT 0,
    "returnReason" TEXT,
    "decidedById" TEXT,
    "decidedAt" TIMESTAMP(3),
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Submission_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "DataValue" (
    "id" TEXT NOT NULL,
    "indicatorId" TEXT NOT NULL,
    "unitId" TEXT NOT NULL,
    "period" TEXT NOT NULL,
    "periodStart" DATE NOT NULL,
    "periodEnd" DATE NOT NULL,
    "sex" TEXT NOT NULL DEFAULT '_T',
    "ageBand" TEXT NOT NULL DEFAULT '_T',
    "numerator" DOUBLE PRECISION NOT NULL,
    "denominator" DOUBLE PRECISION NOT NULL,
    "submissionId" TEXT NOT NULL,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "DataValue_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "_IndicatorToTask" (
    "A" TEXT NOT NULL,
    "B" TEXT NOT NULL,

    CONSTRAINT "_IndicatorToTask_AB_pkey" PRIMARY KEY ("A","B")
);

-- CreateIndex
CREATE UNIQUE INDEX "Indicator_code_key" ON "Indicator"("code");

-- CreateIndex
CREATE INDEX "Indicator_objectiveGroupId_idx" ON "Indicator"("objectiveGroupId");

-- CreateIndex
CREATE UNIQUE INDEX "IndicatorTarget_indicatorId_unitId_key" ON "IndicatorTarget"("indicatorId", "unitId");

-- CreateIndex
CREATE INDEX "Submission_state_idx" ON "Submission"("state");

-- CreateIndex
CREATE UNIQUE INDEX "Submission_indicatorId_period_key" ON "Submission"("indicatorId", "period");

-- CreateIndex
CREATE INDEX "DataValue_indicatorId_period_sex_ageBand_idx" ON "DataValue"("indicatorId", "period", "sex", "ageBand");

-- CreateIndex
CREATE INDEX "DataValue_submissionId_idx" ON "DataValue"("submissionId");

-- CreateIndex
CREATE UNIQUE INDEX "DataValue_indicatorId_unitId_period_sex_ageBand_key" ON "DataValue"("indicatorId", "unitId", "period", "sex", "ageBand");

-- CreateIndex
CREATE INDEX "_IndicatorToTask_B_index" ON "_IndicatorToTask"("B");

-- AddForeignKey
ALTER TABLE "Indicator" ADD CONSTRAINT "Indicator_objectiveGroupId_fkey" FOREIGN KEY ("objectiveGroupId") REFERENCES "ObjectiveGroup"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Indicator" ADD CONSTRAINT "Indicator_agencyId_fkey" FOREIGN KEY ("agencyId") REFERENCES "Agency"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "IndicatorTarget" ADD CONSTRAINT "IndicatorTarget_indicatorId_fkey" FOREIGN KEY ("indicatorId") REFERENCES "Indicator"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "IndicatorTarget" ADD CONSTRAINT "IndicatorTarget_unitId_fkey" FOREIGN KEY ("unitId") REFERENCES "AdminUnit"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Submission" ADD CONSTRAINT "Submission_indicatorId_fkey" FOREIGN KEY ("indicatorId") REFERENCES "Indicator"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Submission" ADD CONSTRAINT "Submission_agencyId_fkey" FOREIGN KEY ("agencyId") REFERENCES "Agency"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Submission" ADD CONSTRAINT "Submission_decidedById_fkey" FOREIGN KEY ("decidedById") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "DataValue" ADD CONSTRAINT "DataValue_indicatorId_fkey" FOREIGN KEY ("indicatorId") REFERENCES "Indicator"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "DataValue" ADD CONSTRAINT "DataValue_unitId_fkey" FOREIGN KEY ("unitId") REFERENCES "AdminUnit"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "DataValue" ADD CONSTRAINT "DataValue_submissionId_fkey" FOREIGN KEY ("submissionId") REFERENCES "Submission"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "_IndicatorToTask" ADD CONSTRAINT "_IndicatorToTask_A_fkey" FOREIGN KEY ("A") REFERENCES "Indicator"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "_IndicatorToTask" ADD CONSTRAINT "_IndicatorToTask_B_fkey" FOREIGN KEY ("B") REFERENCES "Task"("id") ON DELETE CASCADE ON UPDATE CASCADE;
