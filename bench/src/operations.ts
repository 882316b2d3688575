// What each contender is asked, and how its answer is reduced to one common shape, so the
// benchmark can check that all three return the same data before it times anything.
import { print } from 'graphql';
import { CouncilQuery } from '../../web/src/lib/graphql/councils.js';
import { ProposalQuery } from '../../web/src/lib/graphql/proposals.js';
import { moderatorToken, type BenchData } from './data.js';
import type { ContenderName } from './servers.js';

export interface HttpRequest {
  method: 'GET' | 'POST';
  path: string;
  headers?: Record<string, string>;
  body?: string;
}

export interface Operation {
  name: string;
  label: string;
  /** Reads are timed for a duration; a vote burst casts each member's ballot once. */
  kind: 'read' | 'vote' | 'page';
  /** Most SQL statements one request may take (`--quick` fails beyond it). */
  budget?: number;
  /** For a portal page: the operation whose rate it is compared with (its own GraphQL query). */
  queryOf?: string;
  /** The i-th request (reads rotate over councils or proposals), per contender that takes part. */
  requests: Partial<Record<ContenderName, (i: number) => HttpRequest>>;
  /** The answer in the common shape, per contender. */
  normalise?: Partial<Record<ContenderName, (body: unknown) => unknown>>;
}

const SESSION_COOKIE = 'treem_session';
export const globalId = (type: string, id: string) => Buffer.from(`${type}:${id}`).toString('base64');
const rowId = (id: string) => Buffer.from(id, 'base64').toString('utf8').split(':')[1];
/** PostGraphile prints timestamps without a zone and with microseconds; the columns hold UTC. */
const utc = (value: string | null) => (value === null ? null : new Date(/[zZ]|[+-]\d\d:\d\d$/.test(value) ? value : `${value}Z`).toISOString());

const graphql = (query: string, variables: Record<string, unknown> = {}, cookie?: string): HttpRequest => ({
  method: 'POST',
  path: '/graphql',
  headers: { 'content-type': 'application/json', ...(cookie ? { cookie: `${SESSION_COOKIE}=${cookie}` } : {}) },
  body: JSON.stringify({ query, variables }),
});
const dataOf = (body: unknown) => {
  const { data, errors } = body as { data?: Record<string, unknown>; errors?: unknown[] };
  if (errors?.length) throw new Error(`GraphQL errors: ${JSON.stringify(errors).slice(0, 500)}`);
  return data as Record<string, unknown>;
};

type Counted = { totalCount: number };
type Tally = { support: number; oppose: number; abstain: number; total: number };
const tallyFrom = (p: { support: Counted; oppose: Counted; abstain: Counted; all: Counted }): Tally => ({
  support: p.support.totalCount, oppose: p.oppose.totalCount, abstain: p.abstain.totalCount, total: p.all.totalCount,
});
const pglTally = `support: votesByProposalId(condition: {choice: SUPPORT}) { totalCount }
  oppose: votesByProposalId(condition: {choice: OPPOSE}) { totalCount }
  abstain: votesByProposalId(condition: {choice: ABSTAIN}) { totalCount }
  all: votesByProposalId { totalCount }`;

const TREEM_COUNCIL_PROPOSALS = `query CouncilProposals($id: ID!) {
  council(id: $id) { proposals(first: 20) { edges { node { id title state createdAt tally { support oppose abstain total } } } } }
}`;
const PGL_COUNCIL_PROPOSALS = `query CouncilProposals($id: String!) {
  allProposals(condition: {councilId: $id}, orderBy: [CREATED_AT_DESC, PRIMARY_KEY_DESC], first: 20) {
    nodes { rowId title state createdAt ${pglTally} }
  }
}`;
const TREEM_PROGRAMME = `query Programme {
  programme { code titleVi leadAgency { code nameVi } tasks { number titleVi leadAgency { code nameVi } } objectiveGroups { number titleVi } }
}`;
const PGL_PROGRAMME = `query Programme {
  allProgrammes(orderBy: START_YEAR_DESC, first: 1) { nodes {
    code titleVi agencyByLeadAgencyId { code nameVi }
    tasksByProgrammeId(orderBy: NUMBER_ASC) { nodes { number titleVi taskAssignmentsByTaskId(condition: {role: LEAD}, orderBy: AGENCY_ID_ASC) { nodes { agencyByAgencyId { code nameVi } } } } }
    objectiveGroupsByProgrammeId(orderBy: NUMBER_ASC) { nodes { number titleVi } }
  } }
}`;
const TREEM_PROPOSAL = `query ProposalWithTally($id: ID!) {
  proposal(id: $id) { id title body state authorName createdAt votingOpensAt votingClosesAt tally { support oppose abstain total } }
}`;
const PGL_PROPOSAL = `query ProposalWithTally($id: String!) {
  proposalByRowId(rowId: $id) { rowId title body state userByAuthorId { displayName } createdAt votingOpensAt votingClosesAt ${pglTally} }
}`;
// The city (unit 92) by its wards, for an approved year of the demo seed's indicators: the
// roll-up across the changing map in PostgreSQL. Only TreEm: PostGraphile has no roll-up over
// map successions, and the raw statement would have to repeat the whole roll-up.
const TREEM_INDICATOR_ROLLUP = `query IndicatorRollup {
  indicatorValues(indicatorCode: "STUNTING_U5", unitCode: "92", period: "2024", breakdown: CHILD_UNITS) {
    unit { code nameVi } period numerator denominator value target status reportedValues
  }
}`;
const TREEM_MODERATION_QUEUE = `query ModerationQueue {
  moderationQueue(first: 20) { edges { node { id title body authorName createdAt submittedAt } } }
}`;
const PGL_MODERATION_QUEUE = `query ModerationQueue($id: String!) {
  allProposals(condition: {councilId: $id, state: IN_REVIEW}, orderBy: [CREATED_AT_ASC, PRIMARY_KEY_ASC], first: 20) {
    nodes { rowId title body userByAuthorId { displayName } createdAt submittedAt }
  }
}`;
export const TREEM_CAST_VOTE = `mutation CastVote($input: CastVoteInput!) { castVote(input: $input) { id myVote } }`;

type Queued = { title: string; body: string; authorName: string; createdAt: string; submittedAt: string | null };
type PglProposal = { rowId: string; title: string; body: string; state: string; createdAt: string; votingOpensAt: string | null; votingClosesAt: string | null; userByAuthorId: { displayName: string } } & Parameters<typeof tallyFrom>[0];
type TreemProposal = { id: string; title: string; body: string; state: string; authorName: string; createdAt: string; votingOpensAt: string | null; votingClosesAt: string | null; tally: Tally | null };

// Printed once: the portal's own documents, so a page and "its query" are the same operation.
const portalProposalQuery = print(ProposalQuery);
const portalCouncilQuery = print(CouncilQuery);

export function operations(data: BenchData): Operation[] {
  const councils = data.councilIds;
  const council = (i: number) => councils[i % councils.length]!;
  // The middle proposal of each council in turn.
  const proposal = (i: number) => data.proposalId.replace(/^bench-p001/, council(i).replace('bench-c', 'bench-p'));
  const anonymous = undefined;
  const member = data.memberToken;
  const pageQuery = (name: string, cookie: string | undefined, query: string, variables: (i: number) => Record<string, unknown>): Operation => ({
    name, label: name, kind: 'read', requests: { treem: (i) => graphql(query, variables(i), cookie) },
  });
  const page = (name: string, queryOf: string, cookie: string | undefined, path: (i: number) => string): Operation => ({
    name, label: name, kind: 'page', queryOf,
    requests: { treem: (i) => ({ method: 'GET', path: path(i), headers: cookie ? { cookie: `${SESSION_COOKIE}=${cookie}` } : undefined }) },
  });
  // Portal pages show the first council's proposal and council (signed in: one of its members).
  const proposalVars = () => ({ id: globalId('Proposal', data.proposalId) });
  const councilVars = () => ({ id: globalId('Council', councils[0]!), first: 10, after: null });

  return [
    {
      name: 'councilProposals',
      label: "a council's first 20 published proposals with tallies",
      kind: 'read',
      // The council and its page with their tallies, in one statement.
      budget: 1,
      requests: {
        treem: (i) => graphql(TREEM_COUNCIL_PROPOSALS, { id: globalId('Council', council(i)) }),
        postgraphile: (i) => graphql(PGL_COUNCIL_PROPOSALS, { id: council(i) }),
        raw: (i) => ({ method: 'GET', path: `/councils/${council(i)}/proposals` }),
      },
      normalise: {
        treem: (body) =>
          (dataOf(body).council as { proposals: { edges: { node: TreemProposal }[] } }).proposals.edges.map(({ node }) => ({
            id: rowId(node.id), title: node.title, state: node.state, createdAt: utc(node.createdAt), tally: node.tally,
          })),
        postgraphile: (body) =>
          (dataOf(body).allProposals as { nodes: PglProposal[] }).nodes.map((p) => ({ id: p.rowId, title: p.title, state: p.state, createdAt: utc(p.createdAt), tally: tallyFrom(p) })),
        raw: (body) => body,
      },
    },
    {
      name: 'programmeTree',
      label: 'the programme tree (tasks, lead agencies, groups)',
      kind: 'read',
      budget: 2,
      requests: { treem: () => graphql(TREEM_PROGRAMME), postgraphile: () => graphql(PGL_PROGRAMME), raw: () => ({ method: 'GET', path: '/programme' }) },
      normalise: {
        treem: (body) => dataOf(body).programme,
        postgraphile: (body) => {
          type Agency = { code: string; nameVi: string };
          const [p] = (dataOf(body).allProgrammes as { nodes: { code: string; titleVi: string; agencyByLeadAgencyId: Agency; tasksByProgrammeId: { nodes: { number: number; titleVi: string; taskAssignmentsByTaskId: { nodes: { agencyByAgencyId: Agency }[] } }[] }; objectiveGroupsByProgrammeId: { nodes: unknown[] } }[] }).nodes;
          return p && {
            code: p.code, titleVi: p.titleVi, leadAgency: p.agencyByLeadAgencyId,
            tasks: p.tasksByProgrammeId.nodes.map((t) => ({ number: t.number, titleVi: t.titleVi, leadAgency: t.taskAssignmentsByTaskId.nodes[0]?.agencyByAgencyId ?? null })),
            objectiveGroups: p.objectiveGroupsByProgrammeId.nodes,
          };
        },
        raw: (body) => body,
      },
    },
    {
      name: 'proposal',
      label: 'one proposal with its tally',
      kind: 'read',
      budget: 2,
      requests: {
        treem: (i) => graphql(TREEM_PROPOSAL, { id: globalId('Proposal', proposal(i)) }),
        postgraphile: (i) => graphql(PGL_PROPOSAL, { id: proposal(i) }),
        raw: (i) => ({ method: 'GET', path: `/proposals/${proposal(i)}` }),
      },
      normalise: {
        treem: (body) => {
          const p = dataOf(body).proposal as TreemProposal;
          return { ...p, id: rowId(p.id), createdAt: utc(p.createdAt), votingOpensAt: utc(p.votingOpensAt), votingClosesAt: utc(p.votingClosesAt) };
        },
        postgraphile: (body) => {
          const p = dataOf(body).proposalByRowId as PglProposal;
          return {
            id: p.rowId, title: p.title, body: p.body, state: p.state, authorName: p.userByAuthorId.displayName,
            createdAt: utc(p.createdAt), votingOpensAt: utc(p.votingOpensAt), votingClosesAt: utc(p.votingClosesAt), tally: tallyFrom(p),
          };
        },
        raw: (body) => body,
      },
    },
    {
      name: 'indicatorRollup',
      label: 'an indicator of the city by its wards (roll-up across the map)',
      kind: 'read',
      // The city with its wards (one join), then the roll-up, which also finds the indicator.
      budget: 2,
      requests: { treem: () => graphql(TREEM_INDICATOR_ROLLUP) },
      normalise: { treem: (body) => (dataOf(body).indicatorValues as unknown[]).length > 0 },
    },
    {
      name: 'moderationQueue',
      label: "a moderator's queue: the first 20 proposals waiting for review",
      kind: 'read',
      budget: 2,
      requests: {
        // Council i's moderator (TreEm and the raw statement find its councils from the session).
        treem: (i) => graphql(TREEM_MODERATION_QUEUE, {}, moderatorToken((i % councils.length) + 1)),
        postgraphile: (i) => graphql(PGL_MODERATION_QUEUE, { id: council(i) }),
        raw: (i) => ({ method: 'GET', path: `/councils/${council(i)}/queue`, headers: { cookie: `${SESSION_COOKIE}=${moderatorToken((i % councils.length) + 1)}` } }),
      },
      normalise: {
        treem: (body) =>
          (dataOf(body).moderationQueue as { edges: { node: Queued & { id: string } }[] }).edges.map(({ node }) => ({
            id: rowId(node.id), title: node.title, body: node.body, authorName: node.authorName, createdAt: utc(node.createdAt), submittedAt: utc(node.submittedAt),
          })),
        postgraphile: (body) =>
          (dataOf(body).allProposals as { nodes: (Queued & { rowId: string; userByAuthorId: { displayName: string } })[] }).nodes.map((p) => ({
            id: p.rowId, title: p.title, body: p.body, authorName: p.userByAuthorId.displayName, createdAt: utc(p.createdAt), submittedAt: utc(p.submittedAt),
          })),
        raw: (body) => body,
      },
    },
    {
      name: 'voteBurst',
      label: 'a burst of votes by distinct members',
      kind: 'vote',
      budget: 3,
      requests: {},
    },
    pageQuery('proposalQuery', anonymous, portalProposalQuery, proposalVars),
    page('proposalPage', 'proposalQuery', anonymous, () => `/proposals/${encodeURIComponent(globalId('Proposal', data.proposalId))}`),
    pageQuery('proposalQuerySignedIn', member, portalProposalQuery, proposalVars),
    page('proposalPageSignedIn', 'proposalQuerySignedIn', member, () => `/proposals/${encodeURIComponent(globalId('Proposal', data.proposalId))}`),
    pageQuery('councilQuery', anonymous, portalCouncilQuery, councilVars),
    page('councilPage', 'councilQuery', anonymous, () => `/councils/${encodeURIComponent(globalId('Council', councils[0]!))}`),
    pageQuery('councilQuerySignedIn', member, portalCouncilQuery, councilVars),
    page('councilPageSignedIn', 'councilQuerySignedIn', member, () => `/councils/${encodeURIComponent(globalId('Council', councils[0]!))}`),
  ];
}

/** One ballot: TreEm's mutation or the raw statement; both answer the choice stored. */
export function voteRequest(contender: ContenderName, proposalId: string, choice: string, token: string): HttpRequest {
  const cookie = { cookie: `${SESSION_COOKIE}=${token}` };
  if (contender === 'treem') return graphql(TREEM_CAST_VOTE, { input: { proposalId: globalId('Proposal', proposalId), choice } }, token);
  return { method: 'POST', path: '/votes', headers: { 'content-type': 'application/json', ...cookie }, body: JSON.stringify({ proposalId, choice }) };
}

export function voteAnswer(contender: ContenderName, body: unknown): string | null {
  if (contender === 'treem') return (dataOf(body).castVote as { myVote: string | null } | null)?.myVote ?? null;
  return (body as { myVote?: string }).myVote ?? null;
}
