// The benchmark's own data, beside the demo seed in the same database: councils of members,
// each with published proposals and their ballots, and open proposals for the vote bursts.
// Everything it writes has an id starting with `bench-`, so a run first removes the last run's
// rows and the figures never depend on what an earlier run left.
import { SingleBar, Presets } from 'cli-progress';
import pg from 'pg';

export interface Scale {
  councils: number;
  /** Published (closed) proposals per council. */
  proposals: number;
  /** Members per council: each casts one ballot in a vote burst. */
  members: number;
  /** Average ballots per published proposal (at most `members`). */
  votes: number;
}

export interface BurstTarget {
  /** One open proposal per council; member j of council c votes on proposals[c]. */
  proposalIds: string[];
}

export interface BenchData {
  scale: Scale;
  councilIds: string[];
  /** A published proposal in the middle of the first council's list. */
  proposalId: string;
  /** Session token of the first council's first member (signed-in portal pages). */
  memberToken: string;
  /** Proposals waiting for review in each council (its moderator's queue). */
  queue: number;
  /** Burst proposals by contender, then by round. */
  bursts: Record<string, BurstTarget[]>;
  /** Open proposals (one per contender) for the identical-answer check of a vote. */
  checkVoteProposalIds: Record<string, string>;
}

const pad = (n: number, width = 3) => String(n).padStart(width, '0');
export const councilId = (c: number) => `bench-c${pad(c)}`;
export const memberId = (c: number, j: number) => `bench-u${pad(c)}-${pad(j)}`;
export const memberToken = (c: number, j: number) => `bench-session-${pad(c)}-${pad(j)}`;
/** Council c's moderator (a Youth Union adult) signs in with this token. */
export const moderatorToken = (c: number) => `bench-moderator-session-${pad(c)}`;
/** Proposals waiting for review per council: one and a half pages of the queue. */
const QUEUE = 30;
const proposalId = (c: number, i: number) => `bench-p${pad(c)}-${pad(i, 5)}`;

/** Removes every row an earlier run wrote, children before parents. */
async function clear(client: pg.Client) {
  await client.query(`
    DELETE FROM "Vote" WHERE "proposalId" LIKE 'bench-%';
    DELETE FROM "Proposal" WHERE "id" LIKE 'bench-%';
    DELETE FROM "Session" WHERE "userId" LIKE 'bench-%';
    DELETE FROM "Membership" WHERE "id" LIKE 'bench-%';
    DELETE FROM "Facilitator" WHERE "userId" LIKE 'bench-%';
    DELETE FROM "Term" WHERE "id" LIKE 'bench-%';
    DELETE FROM "Council" WHERE "id" LIKE 'bench-%';
    DELETE FROM "AdminUnit" WHERE "id" LIKE 'bench-%';
    DELETE FROM "User" WHERE "id" LIKE 'bench-%';`);
}

export async function generate({ url, scale, contenders, rounds, quiet }: { url: string; scale: Scale; contenders: string[]; rounds: number; quiet?: boolean }): Promise<BenchData> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  const bar = new SingleBar({ format: '  data  [{bar}] {percentage}% | council {value}/{total} | {step}', noTTYOutput: true, notTTYSchedule: 5000 }, Presets.shades_classic);
  try {
    await clear(client);
    const { rows: [city] } = await client.query<{ id: string }>(`SELECT "id" FROM "AdminUnit" WHERE "level" = 'PROVINCE' AND "validTo" IS NULL ORDER BY "code" LIMIT 1`);
    if (!city) throw new Error('the demo seed has no province: run the seed first');
    if (!quiet) bar.start(scale.councils, 0, { step: 'councils' });
    const bursts: Record<string, BurstTarget[]> = Object.fromEntries(contenders.map((name) => [name, Array.from({ length: rounds }, () => ({ proposalIds: [] as string[] }))]));
    const checkVoteProposalIds: Record<string, string> = {};
    for (let c = 1; c <= scale.councils; c += 1) {
      await client.query('BEGIN');
      // A ward of its own under today's city, a council that lives as long, and a term running today.
      await client.query(
        `INSERT INTO "AdminUnit" ("id", "code", "nameVi", "nameEn", "level", "parentId", "validFrom")
         VALUES ($1, $2, $3, $4, 'WARD', $5, DATE '2025-07-01')`,
        [`bench-unit${pad(c)}`, `bench.${pad(c)}`, `Phường thử tải ${c}`, `Benchmark ward ${c}`, city.id],
      );
      await client.query(
        `INSERT INTO "Council" ("id", "level", "unitId", "nameVi", "nameEn", "liveCounts", "validFrom")
         VALUES ($1, 'WARD', $2, $3, $4, true, DATE '2025-07-01')`,
        [councilId(c), `bench-unit${pad(c)}`, `Hội đồng trẻ em thử tải ${c}`, `Benchmark children's council ${c}`],
      );
      await client.query(
        `INSERT INTO "Term" ("id", "councilId", "startsOn", "endsOn") VALUES ($1, $2, DATE '2025-07-01', DATE '2099-12-31')`,
        [`bench-t${pad(c)}`, councilId(c)],
      );
      // Members with a session each; the cookie token is derived from the member, so the
      // benchmark can sign in as anyone without a password round.
      await client.query(
        `WITH m AS (SELECT j, 'bench-u' || lpad($1::text, 3, '0') || '-' || lpad(j::text, 3, '0') AS id,
                           'bench-session-' || lpad($1::text, 3, '0') || '-' || lpad(j::text, 3, '0') AS token
                    FROM generate_series(1, $2::int) j),
         u AS (INSERT INTO "User" ("id", "username", "displayName", "kind")
               SELECT id, id, 'Bạn nhỏ ' || $1 || '-' || j, 'CHILD' FROM m RETURNING "id"),
         ms AS (INSERT INTO "Membership" ("id", "termId", "userId", "guardianConsentAt")
                SELECT 'bench-m' || substr(id, 8), $3, id, now() FROM m)
         INSERT INTO "Session" ("id", "tokenHash", "userId", "expiresAt")
         SELECT 'bench-s' || substr(id, 8), encode(sha256(convert_to(token, 'UTF8')), 'hex'), id, now() + interval '30 days' FROM m`,
        [c, scale.members, `bench-t${pad(c)}`],
      );
      // The council's moderator, with a session of its own.
      await client.query(
        `WITH u AS (INSERT INTO "User" ("id", "username", "displayName", "kind") VALUES ($1, $1, $2, 'ADULT') RETURNING "id"),
              f AS (INSERT INTO "Facilitator" ("councilId", "userId") SELECT $3, "id" FROM u)
         INSERT INTO "Session" ("id", "tokenHash", "userId", "expiresAt")
         SELECT 'bench-s' || "id", encode(sha256(convert_to($4, 'UTF8')), 'hex'), "id", now() + interval '30 days' FROM u`,
        [`bench-mod${pad(c)}`, `Điều phối viên ${c}`, councilId(c), moderatorToken(c)],
      );
      if (!quiet) bar.update(c - 1 + 0.3, { step: 'proposals' });
      // Published proposals, newest last, in the four closed states; their ballots: between
      // votes-6 and votes+6 (≈ votes on average) distinct members, choices spread over the three.
      await client.query(
        `INSERT INTO "Proposal" ("id", "councilId", "authorId", "title", "body", "state", "votingOpensAt", "votingClosesAt", "createdAt", "updatedAt")
         SELECT 'bench-p' || lpad($1::text, 3, '0') || '-' || lpad(i::text, 5, '0'), $2,
                'bench-u' || lpad($1::text, 3, '0') || '-' || lpad((1 + i % $4)::text, 3, '0'),
                'Đề xuất ' || i || ' của hội đồng ' || $1,
                'Chúng em đề nghị thêm cây xanh và ghế đá ở sân chơi số ' || i || '.',
                (ARRAY['ADOPTED','NOT_ADOPTED','REFERRED','ANSWERED'])[1 + i % 4]::"ProposalState",
                TIMESTAMP '2025-08-01' + i * interval '1 hour', TIMESTAMP '2025-08-08' + i * interval '1 hour',
                TIMESTAMP '2025-07-25' + i * interval '1 hour' + $1::int * interval '1 second', now()
         FROM generate_series(1, $3::int) i`,
        [c, councilId(c), scale.proposals, scale.members],
      );
      // Proposals waiting for review, written by members other than the first (whose signed-in
      // pages are measured: an author sees its own proposals in review), and older than every
      // published one (PostGraphile, without TreEm's visibility rule, lists every state).
      await client.query(
        `INSERT INTO "Proposal" ("id", "councilId", "authorId", "title", "body", "state", "submittedAt", "createdAt", "updatedAt")
         SELECT 'bench-r' || lpad($1::text, 3, '0') || '-' || lpad(i::text, 5, '0'), $2,
                'bench-u' || lpad($1::text, 3, '0') || '-' || lpad((2 + i % ($4 - 1))::text, 3, '0'),
                'Ý kiến chờ duyệt ' || i || ' của hội đồng ' || $1,
                'Chúng em mong có thêm giờ đọc sách ở thư viện phường, lần ' || i || '.', 'IN_REVIEW',
                TIMESTAMP '2021-01-02' + i * interval '1 hour', TIMESTAMP '2021-01-01' + i * interval '1 hour' + $1::int * interval '1 second', now()
         FROM generate_series(1, $3::int) i`,
        [c, councilId(c), QUEUE, scale.members],
      );
      if (!quiet) bar.update(c - 1 + 0.6, { step: 'ballots' });
      await client.query(
        `INSERT INTO "Vote" ("id", "proposalId", "voterId", "choice", "castAt", "updatedAt")
         SELECT 'bench-v' || substr(p.id, 8) || '-' || j, p.id,
                'bench-u' || lpad($1::text, 3, '0') || '-' || lpad(j::text, 3, '0'),
                (ARRAY['SUPPORT','OPPOSE','ABSTAIN'])[1 + (i + j) % 3]::"VoteChoice", p."votingOpensAt", p."votingOpensAt"
         FROM generate_series(1, $2::int) i
         JOIN "Proposal" p ON p.id = 'bench-p' || lpad($1::text, 3, '0') || '-' || lpad(i::text, 5, '0')
         CROSS JOIN generate_series(1, $3::int) j
         WHERE (j + i * 7) % $3 < greatest(1, least($3, $4 - 6 + i % 13))`,
        [c, scale.proposals, scale.members, scale.votes],
      );
      // Open proposals for the vote bursts: older than every published one, so they never
      // change the pages the reads measure.
      const open = async (id: string) => {
        await client.query(
          `INSERT INTO "Proposal" ("id", "councilId", "authorId", "title", "body", "state", "votingOpensAt", "votingClosesAt", "createdAt", "updatedAt")
           VALUES ($1, $2, $3, $4, 'Bỏ phiếu thử tải.', 'OPEN', now() - interval '1 day', now() + interval '30 days', TIMESTAMP '2020-01-01', now())`,
          [id, councilId(c), memberId(c, 1), `Bỏ phiếu ${id}`],
        );
        return id;
      };
      for (const name of contenders) {
        for (let r = 0; r < rounds; r += 1) bursts[name]![r]!.proposalIds.push(await open(`bench-o${pad(c)}-${name}-${r}`));
        if (c === 1) checkVoteProposalIds[name] = await open(`bench-o${pad(c)}-${name}-check`);
      }
      await client.query('COMMIT');
      if (!quiet) bar.update(c, { step: 'done' });
    }
    if (!quiet) bar.stop();
    await client.query('ANALYZE');
    return {
      scale,
      councilIds: Array.from({ length: scale.councils }, (_, i) => councilId(i + 1)),
      proposalId: proposalId(1, Math.ceil(scale.proposals / 2)),
      memberToken: memberToken(1, 1),
      queue: QUEUE,
      bursts,
      checkVoteProposalIds,
    };
  } finally {
    await client.end();
  }
}

/** Ballots stored on the burst proposals: [voterId, choice] per row. */
export async function storedBallots(url: string, proposalIds: string[]) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query<{ proposalId: string; voterId: string; choice: string }>(
      `SELECT "proposalId", "voterId", "choice"::text FROM "Vote" WHERE "proposalId" = ANY($1)`,
      [proposalIds],
    );
    return rows;
  } finally {
    await client.end();
  }
}
