-- A proposal's ballots counted by choice (Prisma view ProposalTally). Joined by proposal id,
-- PostgreSQL pushes the id into the grouping, so a page counts only its own proposals' ballots.
CREATE VIEW "ProposalTally" AS
SELECT "proposalId",
       (count(*) FILTER (WHERE "choice" = 'SUPPORT'))::integer AS "support",
       (count(*) FILTER (WHERE "choice" = 'OPPOSE'))::integer  AS "oppose",
       (count(*) FILTER (WHERE "choice" = 'ABSTAIN'))::integer AS "abstain",
       count(*)::integer                                        AS "total"
FROM "Vote"
GROUP BY "proposalId";
