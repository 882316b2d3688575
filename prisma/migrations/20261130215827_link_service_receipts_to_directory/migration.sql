-- Service receipts name an entry of the service directory. Ids recorded before the directory
-- existed point nowhere: their text is kept in the description, and the link cleared.
UPDATE "ServiceReceipt" r
SET "description" = r."description" || ' [' || r."servicePointId" || ']', "servicePointId" = NULL
WHERE r."servicePointId" IS NOT NULL AND NOT EXISTS (SELECT 1 FROM "ServicePoint" p WHERE p."id" = r."servicePointId");

-- AddForeignKey
ALTER TABLE "ServiceReceipt" ADD CONSTRAINT "ServiceReceipt_servicePointId_fkey" FOREIGN KEY ("servicePointId") REFERENCES "ServicePoint"("id") ON DELETE SET NULL ON UPDATE CASCADE;
