// The raw limit: each operation is one hand-written SQL statement through `pg` on `node:http`,
// PostgreSQL building the JSON answer itself. No GraphQL, no policy layer beyond what the
// statement checks: what a request costs at the least on this machine and database.
import { createHash } from 'node:crypto';
import http from 'node:http';
import pg from 'pg';

const pool = new pg.Pool({ connectionString: process.env.DATABASE_URL, max: 10 });
pool.on('error', () => {});

const iso = (column: string) => `to_char(${column}, 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;
const PUBLISHED = `('OPEN','ADOPTED','NOT_ADOPTED','REFERRED','ANSWERED')`;
const tally = `(SELECT CASE WHEN p."state" <> 'OPEN' OR c."liveCounts" THEN json_build_object(
    'support', count(*) FILTER (WHERE v."choice" = 'SUPPORT'), 'oppose', count(*) FILTER (WHERE v."choice" = 'OPPOSE'),
    'abstain', count(*) FILTER (WHERE v."choice" = 'ABSTAIN'), 'total', count(*)) END
  FROM "Vote" v WHERE v."proposalId" = p."id")`;

const statements = {
  councilProposals: `
    SELECT coalesce(json_agg(json_build_object('id', p."id", 'title', p."title", 'state', p."state", 'createdAt', ${iso('p."createdAt"')},
             'tally', ${tally}) ORDER BY p."createdAt" DESC, p."id" DESC), '[]')::text AS body
    FROM (SELECT * FROM "Proposal" WHERE "councilId" = $1 AND "state" IN ${PUBLISHED} ORDER BY "createdAt" DESC, "id" DESC LIMIT 20) p
    JOIN "Council" c ON c."id" = p."councilId"`,
  programme: `
    SELECT json_build_object('code', pr."code", 'titleVi', pr."titleVi",
      'leadAgency', (SELECT json_build_object('code', a."code", 'nameVi', a."nameVi") FROM "Agency" a WHERE a."id" = pr."leadAgencyId"),
      'tasks', (SELECT coalesce(json_agg(json_build_object('number', t."number", 'titleVi', t."titleVi",
          'leadAgency', (SELECT json_build_object('code', a."code", 'nameVi', a."nameVi") FROM "TaskAssignment" ta JOIN "Agency" a ON a."id" = ta."agencyId"
                         WHERE ta."taskId" = t."id" AND ta."role" = 'LEAD' ORDER BY a."code" LIMIT 1)) ORDER BY t."number"), '[]') FROM "Task" t WHERE t."programmeId" = pr."id"),
      'objectiveGroups', (SELECT coalesce(json_agg(json_build_object('number', g."number", 'titleVi', g."titleVi") ORDER BY g."number"), '[]')
          FROM "ObjectiveGroup" g WHERE g."programmeId" = pr."id"))::text AS body
    FROM "Programme" pr ORDER BY pr."startYear" DESC LIMIT 1`,
  proposal: `
    SELECT json_build_object('id', p."id", 'title', p."title", 'body', p."body", 'state', p."state", 'authorName', u."displayName",
      'createdAt', ${iso('p."createdAt"')}, 'votingOpensAt', ${iso('p."votingOpensAt"')}, 'votingClosesAt', ${iso('p."votingClosesAt"')},
      'tally', ${tally})::text AS body
    FROM "Proposal" p JOIN "Council" c ON c."id" = p."councilId" JOIN "User" u ON u."id" = p."authorId"
    WHERE p."id" = $1 AND p."state" IN ${PUBLISHED}`,
  // The first page of a moderator's queue: its session, the councils it moderates, what waits
  // there, oldest first (the council is in the address only to match PostGraphile's request).
  moderationQueue: `
    SELECT coalesce(json_agg(json_build_object('id', p."id", 'title', p."title", 'body', p."body", 'authorName', u."displayName",
             'createdAt', ${iso('p."createdAt"')}, 'submittedAt', ${iso('p."submittedAt"')}) ORDER BY p."createdAt", p."id"), '[]')::text AS body
    FROM (SELECT p.* FROM "Session" s JOIN "Facilitator" f ON f."userId" = s."userId" JOIN "Proposal" p ON p."councilId" = f."councilId"
          WHERE s."tokenHash" = $1 AND s."expiresAt" > now() AND f."councilId" = $2 AND p."state" = 'IN_REVIEW'
          ORDER BY p."createdAt", p."id" LIMIT 20) p
    JOIN "User" u ON u."id" = p."authorId"`,
  // The same checks as TreEm's castVote, in the statement that writes.
  vote: `
    INSERT INTO "Vote" ("id", "proposalId", "voterId", "choice", "castAt", "updatedAt")
    SELECT gen_random_uuid()::text, p."id", s."userId", $3::"VoteChoice", now(), now()
    FROM "Session" s, "Proposal" p
    WHERE s."tokenHash" = $1 AND s."expiresAt" > now() AND p."id" = $2
      AND p."state" = 'OPEN' AND p."votingOpensAt" <= now() AND now() < p."votingClosesAt"
      AND EXISTS (SELECT 1 FROM "Membership" m JOIN "Term" t ON t."id" = m."termId"
                  WHERE m."userId" = s."userId" AND m."leftAt" IS NULL AND t."councilId" = p."councilId"
                    AND t."startsOn" <= current_date AND current_date <= t."endsOn")
    FOR SHARE OF p
    ON CONFLICT ("proposalId", "voterId") DO UPDATE SET "choice" = EXCLUDED."choice", "updatedAt" = now()
    RETURNING json_build_object('myVote', "choice")::text AS body`,
};

/** The session cookie's token as the Session table keeps it. */
function sessionHash(req: http.IncomingMessage) {
  const token = /treem_session=([^;]+)/.exec(req.headers.cookie ?? '')?.[1] ?? '';
  return createHash('sha256').update(decodeURIComponent(token)).digest('hex');
}

async function answer(res: http.ServerResponse, sql: string, params: unknown[]) {
  const { rows } = await pool.query<{ body: string }>({ text: sql, values: params });
  if (!rows[0]) {
    res.writeHead(404).end();
    return;
  }
  res.writeHead(200, { 'content-type': 'application/json' }).end(rows[0].body);
}

const server = http.createServer((req, res) => {
  const url = new URL(req.url ?? '/', 'http://localhost');
  const [, first, id, rest] = url.pathname.split('/');
  const done = (work: Promise<void>) => work.catch(() => res.writeHead(500).end());
  if (req.method === 'GET' && first === 'councils' && id && rest === 'proposals') return done(answer(res, statements.councilProposals, [id]));
  if (req.method === 'GET' && first === 'councils' && id && rest === 'queue') return done(answer(res, statements.moderationQueue, [sessionHash(req), id]));
  if (req.method === 'GET' && first === 'programme') return done(answer(res, statements.programme, []));
  if (req.method === 'GET' && first === 'proposals' && id) return done(answer(res, statements.proposal, [id]));
  if (req.method === 'POST' && first === 'votes') {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const { proposalId, choice } = JSON.parse(Buffer.concat(chunks).toString()) as { proposalId: string; choice: string };
      void done(answer(res, statements.vote, [sessionHash(req), proposalId, choice]));
    });
    return;
  }
  res.writeHead(404).end();
});
server.listen(Number(process.env.PORT), '127.0.0.1', () => console.log('ready'));
