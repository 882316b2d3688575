// Live counts for councils that chose them: the tally of an open proposal pushed to browsers
// as server-sent events. Every ballot change fires PostgreSQL NOTIFY (a trigger on "Vote",
// migration council_discussion_sessions_notifications), so a vote taken by any API replica
// reaches the browsers connected to every other one; no replica talks to another.
import type { Db } from '@treem/db/client';
import type pg from 'pg';
import type { Viewer } from '../accounts/service.js';
import { isTallyVisible, visibleProposalsWhere } from '../proposals/policy.js';

export const TALLY_CHANNEL = 'treem_tally';

export interface LiveTally { support: number; oppose: number; abstain: number; total: number }

/**
 * The counts of a proposal when the viewer may see them live, else null: published, visible to
 * the viewer, open, in a council with live counts (the same rule as `Proposal.tally`). Counted
 * in PostgreSQL.
 */
export async function liveTally({ prisma, viewer, proposalId }: { prisma: Db; viewer: Viewer | null; proposalId: string }): Promise<LiveTally | null> {
  const proposal = await prisma.proposal.findFirst({
    where: { AND: [{ id: proposalId }, visibleProposalsWhere(viewer)] },
    select: { state: true, council: { select: { liveCounts: true } } },
  });
  if (!proposal || proposal.state !== 'OPEN' || !isTallyVisible(proposal, proposal.council)) return null;
  const [row] = await prisma.$queryRaw<LiveTally[]>`
    SELECT count(*) FILTER (WHERE "choice" = 'SUPPORT')::int AS support,
           count(*) FILTER (WHERE "choice" = 'OPPOSE')::int AS oppose,
           count(*) FILTER (WHERE "choice" = 'ABSTAIN')::int AS abstain,
           count(*)::int AS total
    FROM "Vote" WHERE "proposalId" = ${proposalId}`;
  return row!;
}

/**
 * One waking of a proposal's watchers. `once` shares a read among them: watchers who may see
 * the same (every browser signed out, say) cause one recount between them, not one each.
 */
export interface Wake {
  once<T>(key: string, read: () => Promise<T>): Promise<T>;
}

/** Woken with a Wake; with null when the hub lost its connection and will tell nothing more. */
type Listener = (wake: Wake | null) => void;

/**
 * One LISTEN connection per replica, shared by all its subscribers: a notice for a proposal
 * wakes the browsers watching it. Bursts of votes are coalesced (one waking per proposal per
 * `settleMs`), and so are the watchers' reads within a waking (`Wake.once`).
 */
export class TallyHub {
  private client: pg.PoolClient | null = null;
  private connecting: Promise<void> | null = null;
  private readonly listeners = new Map<string, Set<Listener>>();
  private readonly pending = new Map<string, NodeJS.Timeout>();

  constructor(private readonly pool: pg.Pool, private readonly settleMs = 100) {}

  async subscribe(proposalId: string, listener: Listener): Promise<() => void> {
    await this.listen();
    const set = this.listeners.get(proposalId) ?? new Set();
    set.add(listener);
    this.listeners.set(proposalId, set);
    return () => {
      set.delete(listener);
      // Only its own set: after a lost connection, the proposal may have a new one.
      if (set.size === 0 && this.listeners.get(proposalId) === set) this.listeners.delete(proposalId);
    };
  }

  private listen(): Promise<void> {
    this.connecting ??= (async () => {
      const client = await this.pool.connect();
      client.on('notification', ({ channel, payload }) => {
        if (channel === TALLY_CHANNEL && payload) this.wake(payload);
      });
      // A lost connection (database restart): out of the pool, and forgotten, so the next
      // subscriber listens again. Those watching are told nothing more will come from it: their
      // streams end, and browsers reconnect (EventSource does) to a hub that listens again.
      let lost = false;
      const lose = () => {
        if (lost) return;
        lost = true;
        client.release(true);
        this.client = null;
        this.connecting = null;
        const watching = [...this.listeners.values()].flatMap((set) => [...set]);
        this.listeners.clear();
        for (const listener of watching) listener(null);
      };
      client.on('error', lose);
      await client.query(`LISTEN ${TALLY_CHANNEL}`).catch((error: unknown) => {
        lose();
        throw error;
      });
      this.client = client;
    })().catch((error: unknown) => {
      this.connecting = null;
      throw error;
    });
    return this.connecting;
  }

  private wake(proposalId: string) {
    if (!this.listeners.has(proposalId) || this.pending.has(proposalId)) return;
    this.pending.set(proposalId, setTimeout(() => {
      this.pending.delete(proposalId);
      const reads = new Map<string, Promise<unknown>>();
      const wake: Wake = {
        once<T>(key: string, read: () => Promise<T>) {
          if (!reads.has(key)) reads.set(key, read());
          return reads.get(key) as Promise<T>;
        },
      };
      for (const listener of this.listeners.get(proposalId) ?? []) listener(wake);
    }, this.settleMs));
  }

  stop() {
    for (const timer of this.pending.values()) clearTimeout(timer);
    this.pending.clear();
    this.listeners.clear();
    const client = this.client;
    this.client = null;
    this.connecting = null;
    // Closed, not returned to the pool: a listening connection is of no use to anyone else.
    client?.removeAllListeners('error').on('error', () => {});
    client?.release(true);
  }
}
