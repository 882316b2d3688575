// `pnpm bench` (its options: USAGE below)
//
// TreEm Hub (the real server, production mode) side by side with PostGraphile 5 and the raw
// limit (one hand-written SQL statement per operation) on the same data. First every contender
// runs behind a relay that counts its SQL statements, and their answers are compared; then they
// run directly, interleaved over rounds, and are timed. Exits non-zero when answers differ, a
// ballot is lost or doubled, a request fails, or statements exceed the budgets.
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { parseArgs, isDeepStrictEqual } from 'node:util';
import { startCounter } from './counter.js';
import { prepareDatabase } from './database.js';
import { generate, memberToken, storedBallots, type Scale } from './data.js';
import { load, send, statementsPerRequest, type Figures } from './load.js';
import { operations, voteAnswer, voteRequest, type Operation } from './operations.js';
import { portInUse, repoRoot, startServer, type ContenderName, type Server } from './servers.js';

const USAGE = `usage: pnpm bench [--quick] [--json file] [--councils N --proposals N --members N --votes N]
                  [--rounds N --duration S --connections N]`;
/** A wrong option is the caller's mistake: say which and how it is used, no stack trace. */
function refuse(message: string): never {
  console.error(`pnpm bench: ${message}\n${USAGE}`);
  process.exit(2);
}
const args = (() => {
  try {
    return parseArgs({
      options: {
        quick: { type: 'boolean', default: false },
        json: { type: 'string' },
        councils: { type: 'string' },
        proposals: { type: 'string' },
        members: { type: 'string' },
        votes: { type: 'string' },
        rounds: { type: 'string' },
        duration: { type: 'string' },
        connections: { type: 'string' },
      },
    }).values;
  } catch (error) {
    return refuse((error as Error).message);
  }
})();
// The generated ids number councils and members with three digits and proposals with five; a
// vote's answer is checked with the first four members of the first council.
const LIMITS = {
  councils: [1, 999], proposals: [1, 99_999], members: [4, 999], votes: [0, 999],
  rounds: [1, 100], duration: [1, 3_600], connections: [1, 1_000],
} as const;
const number = (name: keyof typeof LIMITS, fallback: number) => {
  const value = args[name];
  if (value === undefined) return fallback;
  const [min, max] = LIMITS[name];
  if (!/^\d+$/.test(value) || Number(value) < min || Number(value) > max) refuse(`--${name} takes a whole number from ${min} to ${max}, not "${value}"`);
  return Number(value);
};
const quick = args.quick!;
const scale: Scale = {
  councils: number('councils', quick ? 3 : 29),
  proposals: number('proposals', quick ? 40 : 300),
  members: number('members', 40),
  votes: number('votes', 18),
};
if (scale.votes > scale.members) refuse(`--votes (${scale.votes}) cannot exceed --members (${scale.members}): each member votes once`);
const rounds = number('rounds', quick ? 1 : 3);
const duration = number('duration', quick ? 2 : 5);
const connections = number('connections', 10);
const basePort = Number(process.env.TREEM_BENCH_PORT ?? 3700);
if (!Number.isInteger(basePort) || basePort < 1024 || basePort > 65_500) refuse(`TREEM_BENCH_PORT takes a port from 1024 to 65500, not "${process.env.TREEM_BENCH_PORT}"`);
const CONTENDERS: ContenderName[] = ['treem', 'postgraphile', 'raw'];
// The contenders listen from basePort, their counting relays from basePort + 10: checked before
// anything starts, since a server left over from another run would answer in a contender's place.
for (const port of CONTENDERS.flatMap((_, i) => [basePort + i, basePort + 10 + i])) {
  if (await portInUse(port)) refuse(`port ${port} is in use (TREEM_BENCH_PORT=${basePort}): stop what listens there or choose other ports`);
}
const VOTERS: ContenderName[] = ['treem', 'raw'];
const TITLES: Record<ContenderName, string> = { treem: 'TreEm', postgraphile: 'PostGraphile', raw: 'raw SQL' };
const CHOICES = ['SUPPORT', 'OPPOSE', 'ABSTAIN'] as const;

const problems: string[] = [];
const say = (line: string) => console.log(line);

const logDir = path.join(repoRoot, '.data', 'bench');
await mkdir(logDir, { recursive: true });

if (!existsSync(path.join(repoRoot, 'web', 'build', 'handler.js'))) {
  say('== building the portal (web/build)');
  execFileSync('pnpm', ['--filter', '@treem/web', 'build'], { cwd: repoRoot, stdio: 'ignore' });
}

say(`== database and data: ${scale.councils} councils × ${scale.proposals} published proposals × ≈${scale.votes} ballots, ${scale.members} members each`);
const database = await prepareDatabase();
const data = await generate({ url: database.url, scale, contenders: VOTERS, rounds });
const ops = operations(data);
const burstSize = scale.councils * scale.members;
/** Member k of a burst: council ⌊k / members⌋, each member once. */
const burstVoter = (k: number) => ({ council: Math.floor(k / scale.members), token: memberToken(Math.floor(k / scale.members) + 1, (k % scale.members) + 1) });

async function startAll(urlFor: (name: ContenderName, i: number) => string) {
  const servers = {} as Record<ContenderName, Server>;
  for (const [i, name] of CONTENDERS.entries()) servers[name] = await startServer({ name, port: basePort + i, databaseUrl: urlFor(name, i), logDir });
  return servers;
}
const stopAll = (servers: Record<ContenderName, Server>) => Promise.all(Object.values(servers).map((server) => server.stop()));

// ── 1. Same answers, and statements counted ─────────────────────────────────────────────
say('== checking answers and counting SQL statements (each contender behind a counting relay)');
const counters = await Promise.all(CONTENDERS.map((_, i) => startCounter(database.url, basePort + 10 + i)));
const statements: Record<string, Partial<Record<ContenderName, number>>> = {};
{
  const servers = await startAll((_, i) => counters[i]!.url);
  try {
    for (const op of ops.filter((o) => o.kind !== 'vote')) {
      const names = Object.keys(op.requests) as ContenderName[];
      // Every council (or proposal) in the rotation, compared with TreEm's answer.
      for (let i = 0; i < (op.normalise ? scale.councils : 1); i += 1) {
        const answers = new Map<ContenderName, unknown>();
        for (const name of names) {
          const { status, text } = await send(servers[name], op.requests[name]!(i));
          if (status !== 200) throw new Error(`${op.name}: ${name} answered ${status}: ${text.slice(0, 300)}`);
          answers.set(name, op.normalise ? op.normalise[name]!(JSON.parse(text)) : text.length > 0);
        }
        for (const name of names) {
          if (!isDeepStrictEqual(answers.get(name), answers.get('treem'))) {
            problems.push(`${op.name}: ${name}'s answer differs from TreEm's (request ${i})`);
            say(`   ${name}: ${JSON.stringify(answers.get(name)).slice(0, 300)}\n   treem: ${JSON.stringify(answers.get('treem')).slice(0, 300)}`);
          }
        }
      }
      statements[op.name] = {};
      for (const name of names) {
        statements[op.name]![name] = await statementsPerRequest({ server: servers[name], counter: counters[CONTENDERS.indexOf(name)]!, request: op.requests[name]! });
      }
    }
    // A ballot by each member of the first council on the contender's check proposal.
    statements.voteBurst = {};
    for (const name of VOTERS) {
      const proposalId = data.checkVoteProposalIds[name]!;
      const request = (k: number) => voteRequest(name, proposalId, CHOICES[k % 3]!, memberToken(1, k + 1));
      for (let k = 0; k < 2; k += 1) {
        const { text } = await send(servers[name], request(k));
        if (voteAnswer(name, JSON.parse(text)) !== CHOICES[k % 3]) problems.push(`vote: ${name} answered ${text.slice(0, 200)} for ${CHOICES[k % 3]}`);
      }
      statements.voteBurst[name] = await statementsPerRequest({ server: servers[name], counter: counters[CONTENDERS.indexOf(name)]!, request: (k) => request(k + 2) });
    }
  } finally {
    await stopAll(servers);
    await Promise.all(counters.map((counter) => counter.close()));
  }
}

// ── 2. Timed, contenders interleaved ────────────────────────────────────────────────────
say(`== timing: ${rounds} round(s), ${duration} s per contender and operation, ${connections} connections`);
const runs: Record<string, Partial<Record<ContenderName, Figures[]>>> = {};
const ballots = { lost: 0, doubled: 0, unexpected: 0, acknowledged: 0 };
const record = (op: string, name: ContenderName, figures: Figures) => {
  ((runs[op] ??= {})[name] ??= []).push(figures);
  if (figures.failures > 0) problems.push(`${op}: ${name} had ${figures.failures} failed requests of ${figures.requests}`);
};
{
  const servers = await startAll(() => database.url);
  try {
    // Warm-up: every operation once for a moment, so no contender is timed while compiling.
    for (const op of ops.filter((o) => o.kind !== 'vote')) {
      for (const name of Object.keys(op.requests) as ContenderName[]) await load({ server: servers[name], request: op.requests[name]!, connections, duration: 1 });
    }
    for (let round = 0; round < rounds; round += 1) {
      // Each round starts with another contender, so none always runs on a warmer machine.
      const order = CONTENDERS.map((_, i) => CONTENDERS[(i + round) % CONTENDERS.length]!);
      for (const op of ops) {
        if (op.kind === 'vote') {
          for (const name of order.filter((n) => VOTERS.includes(n))) {
            const proposalIds = data.bursts[name]![round]!.proposalIds;
            const acknowledged = new Map<string, string>();
            const figures = await load({
              server: servers[name],
              connections,
              amount: burstSize,
              request: (k) => voteRequest(name, proposalIds[burstVoter(k).council]!, CHOICES[k % 3]!, burstVoter(k).token),
              onAnswer: (k, status, body) => {
                if (status === 200 && voteAnswer(name, JSON.parse(body)) === CHOICES[k % 3]) acknowledged.set(`${proposalIds[burstVoter(k).council]}/${burstVoter(k).token}`, CHOICES[k % 3]!);
              },
            });
            record(op.name, name, figures);
            // Every acknowledged ballot stored exactly once, with its choice, and nothing else.
            const stored = await storedBallots(database.url, proposalIds);
            const seen = new Map<string, number>();
            for (const row of stored) {
              const key = `${row.proposalId}/${row.voterId.replace('bench-u', 'bench-session-')}`;
              seen.set(key, (seen.get(key) ?? 0) + 1);
              if (acknowledged.get(key) !== row.choice) ballots.unexpected += 1;
            }
            for (const key of acknowledged.keys()) if (!seen.has(key)) ballots.lost += 1;
            for (const count of seen.values()) if (count > 1) ballots.doubled += count - 1;
            ballots.acknowledged += acknowledged.size;
          }
          continue;
        }
        for (const name of order.filter((n) => op.requests[n])) record(op.name, name, await load({ server: servers[name], request: op.requests[name]!, connections, duration }));
      }
    }
  } finally {
    await stopAll(servers);
  }
}
if (ballots.lost || ballots.doubled || ballots.unexpected) problems.push(`vote bursts: ${ballots.lost} lost, ${ballots.doubled} doubled, ${ballots.unexpected} stored without acknowledgement`);
await database.stop();

// ── 3. The table ────────────────────────────────────────────────────────────────────────
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const summary = (op: string, name: ContenderName) => {
  const list = runs[op]?.[name];
  if (!list) return undefined;
  return { rate: median(list.map((f) => f.rate)), p50: median(list.map((f) => f.p50)), p99: median(list.map((f) => f.p99)), rss: Math.max(...list.map((f) => f.rss)), statements: statements[op]?.[name] };
};
const results = ops.map((op) => {
  const by = Object.fromEntries(CONTENDERS.map((name) => [name, summary(op.name, name)]).filter(([, s]) => s)) as Partial<Record<ContenderName, NonNullable<ReturnType<typeof summary>>>>;
  const ratio = (other: ContenderName) => (by.treem && by[other] ? by.treem.rate / by[other]!.rate : undefined);
  const query = op.queryOf ? summary(op.queryOf, 'treem') : undefined;
  return { name: op.name, label: op.label, kind: op.kind, budget: op.budget, contenders: by, treemToPostgraphile: ratio('postgraphile'), treemToRaw: ratio('raw'), pageToQuery: query && by.treem ? by.treem.rate / query.rate : undefined };
});

const cell = (s: ReturnType<typeof summary>) =>
  s ? `${s.rate.toFixed(0).padStart(6)} ${`${s.p50}/${s.p99}`.padStart(9)} ${String(s.statements ?? '?').padStart(3)} ${(s.rss / 2 ** 20).toFixed(0).padStart(4)}` : `${'–'.padStart(6)} ${''.padStart(9)} ${''.padStart(3)} ${''.padStart(4)}`;
const ratio = (x: number | undefined) => (x === undefined ? '–' : `${x.toFixed(2)}×`);
say('');
say(`Figures per contender: req/s (votes/s for the burst), p50/p99 latency in ms, SQL statements per request, server RSS in MB.`);
say(`${'operation'.padEnd(24)} | ${CONTENDERS.map((n) => `${TITLES[n]}`.padEnd(25)).join(' | ')} | TreEm/PG | TreEm/raw | page/query`);
for (const r of results) {
  say(`${r.name.padEnd(24)} | ${CONTENDERS.map((n) => cell(r.contenders[n])).join(' | ')} | ${ratio(r.treemToPostgraphile).padStart(8)} | ${ratio(r.treemToRaw).padStart(9)} | ${ratio(r.pageToQuery).padStart(10)}`);
}
say(`vote bursts: ${burstSize} ballots each, ${ballots.acknowledged} acknowledged in all, ${ballots.lost} lost, ${ballots.doubled} doubled`);

for (const r of results) {
  const used = r.contenders.treem?.statements;
  if (r.budget !== undefined && used !== undefined && used > r.budget) problems.push(`${r.name}: TreEm used ${used} SQL statements per request, the budget is ${r.budget}`);
}
if (args.json) {
  // Relative to where `pnpm bench` was typed (pnpm runs the script inside bench/).
  const file = path.resolve(process.env.INIT_CWD ?? process.cwd(), args.json);
  await writeFile(file, JSON.stringify({ scale, rounds, duration, connections, quick, results, ballots, problems }, null, 2));
  say(`figures written to ${file}`);
}
if (problems.length) {
  say('\nFAILED:');
  for (const problem of problems) say(`  - ${problem}`);
  process.exit(1);
}
process.exit(0);
