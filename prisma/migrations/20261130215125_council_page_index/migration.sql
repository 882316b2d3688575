-- CreateIndex
CREATE INDEX "Proposal_councilId_createdAt_id_idx" ON "Proposal"("councilId", "createdAt", "id");
