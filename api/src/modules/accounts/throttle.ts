// Sign-in throttling that slows guessing without letting a stranger lock a child out.
//
// - Per account *and* address: after a few consecutive wrong passwords from one address, each
//   further try from that address must wait, longer each time (15 s, 30 s, 1 min … 15 min).
//   The same child signing in from another address (home, a phone) is not slowed, and the
//   right password resets the count.
// - Per address: many wrong passwords from one address, whatever the accounts, pause that
//   address (spraying one password over many accounts).
// - Per account, across addresses: only counted, so a moderator can see that a child is being
//   slowed and clear it (which also clears every address's count for that child).
//
// The counts live in a shared store, so every replica applies the same limits: PostgreSQL by
// default (table "RateLimit", created by a migration), Redis when REDIS_URL is set.
import { createHash } from 'node:crypto';
import type { Pool } from 'pg';
import { Redis } from 'ioredis';
import { RateLimiterMemory, RateLimiterPostgres, RateLimiterRedis, type RateLimiterAbstract, type IRateLimiterStoreOptions } from 'rate-limiter-flexible';

/** Wrong passwords in a row from one address before each try must wait. */
export const FREE_FAILURES = 5;
const FIRST_WAIT_SECONDS = 15;
const MAX_WAIT_SECONDS = 15 * 60;
/** Wrong passwords from one address, all accounts together, per hour. */
export const ADDRESS_FAILURES_PER_HOUR = 100;
const DAY = 24 * 60 * 60;

/** The wait after the `failures`-th wrong password in a row (0 while still free). */
export function waitAfter(failures: number): number {
  if (failures <= FREE_FAILURES) return 0;
  return Math.min(MAX_WAIT_SECONDS, FIRST_WAIT_SECONDS * 2 ** (failures - FREE_FAILURES - 1));
}

export type ThrottleStore = { kind: 'postgres'; pool: Pool } | { kind: 'redis'; client: Redis };

// Keys are hashed: the store never holds a username (or a child's) or an address in clear.
const hash = (...parts: string[]) => createHash('sha256').update(parts.join('\u0000')).digest('base64url').slice(0, 32);

export interface ThrottleCheck {
  /** Seconds to wait before this account may be tried again from this address. */
  retryAfter: number;
  /** Which limit: this account from this address, or the address as a whole. */
  scope: 'account' | 'address';
}

export interface AccountThrottle {
  failures: number;
  waitUntil: Date | null;
}

export class LoginThrottle {
  private readonly pair: RateLimiterAbstract;
  private readonly pairWait: RateLimiterAbstract;
  private readonly address: RateLimiterAbstract;
  private readonly account: RateLimiterAbstract;
  private readonly accountWait: RateLimiterAbstract;
  private readonly epochs: RateLimiterAbstract;

  constructor(readonly store: ThrottleStore) {
    const limiter = (keyPrefix: string, points: number, duration: number) => {
      const options: IRateLimiterStoreOptions = { keyPrefix, points, duration, storeClient: undefined };
      if (store.kind === 'postgres') {
        return new RateLimiterPostgres({ ...options, storeClient: store.pool, storeType: 'pool', tableName: 'RateLimit', tableCreated: true });
      }
      // Should Redis be unreachable for a moment, this process keeps limiting on its own.
      return new RateLimiterRedis({ ...options, storeClient: store.client, useRedisPackage: false, insuranceLimiter: new RateLimiterMemory({ keyPrefix, points, duration }) });
    };
    const unbounded = 1_000_000;
    this.pair = limiter('login-pair', unbounded, DAY);
    this.pairWait = limiter('login-pair-wait', 1, MAX_WAIT_SECONDS);
    this.address = limiter('login-address', ADDRESS_FAILURES_PER_HOUR, 60 * 60);
    this.account = limiter('login-account', unbounded, DAY);
    this.accountWait = limiter('login-account-wait', 1, MAX_WAIT_SECONDS);
    // A moderator's "clear" starts a new epoch: every count keyed under the old one is left to expire.
    this.epochs = limiter('login-epoch', unbounded, 2 * DAY);
  }

  private async keys(username: string, address?: string) {
    const epoch = String((await this.epochs.get(hash(username)))?.consumedPoints ?? 0);
    return { account: hash(username, epoch), pair: address === undefined ? '' : hash(username, epoch, address) };
  }

  /** Null when this account may be tried from this address now. */
  async check(username: string, address: string): Promise<ThrottleCheck | null> {
    const [keys, byAddress] = await Promise.all([this.keys(username, address), this.address.get(hash(address))]);
    if (byAddress && byAddress.consumedPoints >= ADDRESS_FAILURES_PER_HOUR) {
      return { retryAfter: Math.ceil(byAddress.msBeforeNext / 1000), scope: 'address' };
    }
    const wait = await this.pairWait.get(keys.pair);
    if (wait && wait.consumedPoints > 0 && wait.msBeforeNext > 0) return { retryAfter: Math.ceil(wait.msBeforeNext / 1000), scope: 'account' };
    return null;
  }

  async recordFailure(username: string, address: string): Promise<void> {
    const keys = await this.keys(username, address);
    const [pair] = await Promise.all([
      this.pair.penalty(keys.pair, 1),
      this.address.penalty(hash(address), 1),
      this.account.penalty(keys.account, 1),
    ]);
    const wait = waitAfter(pair.consumedPoints);
    if (wait === 0) return;
    const current = await this.accountWait.get(keys.account);
    await Promise.all([
      this.pairWait.set(keys.pair, 1, wait),
      !current || current.msBeforeNext < wait * 1000 ? this.accountWait.set(keys.account, 1, wait) : null,
    ]);
  }

  /** The right password: this address starts afresh for this account. */
  async recordSuccess(username: string, address: string): Promise<void> {
    const keys = await this.keys(username, address);
    await Promise.all([this.pair.delete(keys.pair), this.pairWait.delete(keys.pair)]);
  }

  /** Failures and the longest current wait of an account, across addresses, since the last clear. */
  async status(username: string): Promise<AccountThrottle> {
    const { account } = await this.keys(username);
    const [failures, wait] = await Promise.all([this.account.get(account), this.accountWait.get(account)]);
    const waiting = wait && wait.consumedPoints > 0 && wait.msBeforeNext > 0;
    return { failures: failures?.consumedPoints ?? 0, waitUntil: waiting ? new Date(Date.now() + wait.msBeforeNext) : null };
  }

  /** Lifts every wait on an account, from every address. */
  async clear(username: string): Promise<void> {
    await this.epochs.penalty(hash(username), 1);
  }
}

/** PostgreSQL (the application's own database) unless REDIS_URL names a Redis. */
export function throttleStoreFromEnv(pool: Pool): ThrottleStore {
  if (process.env.REDIS_URL) return { kind: 'redis', client: new Redis(process.env.REDIS_URL, { maxRetriesPerRequest: 1 }) };
  return { kind: 'postgres', pool };
}
