// `pnpm --filter @treem/bench prisma-cost [--calls N] [--rounds N]`
//
// What the Prisma client itself costs the server on the read `pnpm bench` times most: a council's
// page of proposals with their tallies, read through `prisma.proposal.findMany` with the arguments
// the API gives it for the councilProposals operation, beside the very statement that call sends,
// sent through the same `pg` pool. The figures are this process's CPU time per call
// (`process.cpuUsage`), alternated over rounds: they say where a request's time goes, which rates
// under load cannot, and they do not depend on the machine's other work as much.
import { parseArgs } from 'node:util';
import { createPrisma, databasePool } from '@treem/db/client';
import { prepareDatabase } from './database.js';
import { councilId, generate } from './data.js';

const { values: args } = parseArgs({ options: { calls: { type: 'string', default: '2000' }, rounds: { type: 'string', default: '3' } } });
const calls = Number(args.calls);
const rounds = Number(args.rounds);

const database = await prepareDatabase();
await generate({ url: database.url, scale: { councils: 1, proposals: 300, members: 40, votes: 18 }, contenders: [], rounds: 0 });
const prisma = createPrisma({ url: database.url });
const pool = databasePool(prisma)!;

// As the API builds them for `council(id) { proposals(first: 20) { … tally … } }` (Pothos' selection
// of Proposal, the published-and-not-hidden rule, one row more than the page to know if another follows).
const page = () =>
  prisma.proposal.findMany({
    select: { id: true, createdAt: true, title: true, state: true, submittedAt: true, tally: { select: { support: true, oppose: true, abstain: true, total: true } }, council: { select: { liveCounts: true } } },
    where: { AND: [{ councilId: councilId(1) }, { state: { in: ['OPEN', 'ADOPTED', 'NOT_ADOPTED', 'REFERRED', 'ANSWERED'] }, hiddenAt: null }] },
    orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
    take: 21,
  });

// The statement (name, text, values) Prisma's driver adapter hands to the pool for that call.
type Sent = { name?: string; text: string; values?: unknown[]; rowMode?: string };
let sent: Sent | undefined;
const query = pool.query.bind(pool) as (config: Sent) => Promise<unknown>;
(pool as unknown as { query: (config: Sent) => Promise<unknown> }).query = (config) => ((sent ??= config), query(config));
const rows = await page();
(pool as unknown as { query: typeof query }).query = query;
if (!sent || rows.length !== 21) throw new Error(`expected one statement and 21 rows, saw ${sent ? 'a statement' : 'none'} and ${rows.length} rows`);
const statement = sent;
const direct = () => query(statement);

/** CPU microseconds of this process per call, over `calls` calls after a warm-up. */
async function cpuPerCall(call: () => Promise<unknown>) {
  for (let i = 0; i < 300; i += 1) await call();
  const before = process.cpuUsage();
  for (let i = 0; i < calls; i += 1) await call();
  const used = process.cpuUsage(before);
  return (used.user + used.system) / calls;
}

const figures = { prisma: [] as number[], pg: [] as number[] };
for (let round = 0; round < rounds; round += 1) {
  figures.prisma.push(await cpuPerCall(page));
  figures.pg.push(await cpuPerCall(direct));
}
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const show = (xs: number[]) => `${median(xs).toFixed(0).padStart(4)} µs  (rounds: ${xs.map((x) => x.toFixed(0)).join(', ')})`;
console.log(`\nCPU per call, a council's page of 21 proposals with tallies (${calls} calls a round, NODE_ENV=${process.env.NODE_ENV ?? ''}):`);
console.log(`  prisma.proposal.findMany          ${show(figures.prisma)}`);
console.log(`  the same statement through pg     ${show(figures.pg)}`);
console.log(`  the Prisma client's own work      ${(median(figures.prisma) - median(figures.pg)).toFixed(0).padStart(4)} µs a call`);

await prisma.$disconnect();
await database.stop();
process.exit(0);
