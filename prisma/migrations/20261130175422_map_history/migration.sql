-- AlterTable: a council that exists already started when its unit did.
ALTER TABLE "Council" ADD COLUMN     "successorId" TEXT,
ADD COLUMN     "validFrom" DATE,
ADD COLUMN     "validTo" DATE;
UPDATE "Council" c SET "validFrom" = u."validFrom" FROM "AdminUnit" u WHERE u."id" = c."unitId";
ALTER TABLE "Council" ALTER COLUMN "validFrom" SET NOT NULL;

-- CreateTable
CREATE TABLE "UnitSuccession" (
    "id" TEXT NOT NULL,
    "predecessorId" TEXT NOT NULL,
    "successorId" TEXT NOT NULL,
    "effectiveOn" DATE NOT NULL,
    "share" DECIMAL(7,6) NOT NULL DEFAULT 1,
    "basis" TEXT,

    CONSTRAINT "UnitSuccession_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "UnitSuccession_successorId_idx" ON "UnitSuccession"("successorId");

-- CreateIndex
CREATE UNIQUE INDEX "UnitSuccession_predecessorId_successorId_key" ON "UnitSuccession"("predecessorId", "successorId");

-- CreateIndex
CREATE INDEX "Council_successorId_idx" ON "Council"("successorId");

-- AddForeignKey
ALTER TABLE "UnitSuccession" ADD CONSTRAINT "UnitSuccession_predecessorId_fkey" FOREIGN KEY ("predecessorId") REFERENCES "AdminUnit"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "UnitSuccession" ADD CONSTRAINT "UnitSuccession_successorId_fkey" FOREIGN KEY ("successorId") REFERENCES "AdminUnit"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Council" ADD CONSTRAINT "Council_successorId_fkey" FOREIGN KEY ("successorId") REFERENCES "Council"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- Rules the data must keep, whoever writes it.
ALTER TABLE "AdminUnit" ADD CONSTRAINT "AdminUnit_validity" CHECK ("validTo" IS NULL OR "validTo" >= "validFrom");
ALTER TABLE "Council" ADD CONSTRAINT "Council_validity" CHECK ("validTo" IS NULL OR "validTo" >= "validFrom");
ALTER TABLE "UnitSuccession" ADD CONSTRAINT "UnitSuccession_share" CHECK ("share" > 0 AND "share" <= 1);
ALTER TABLE "UnitSuccession" ADD CONSTRAINT "UnitSuccession_not_itself" CHECK ("predecessorId" <> "successorId");
