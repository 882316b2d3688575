import { createHash } from 'node:crypto';
import { RegistryUnavailable, type PopulationRegistry, type VerificationOutcome, type VerificationRequest } from './index.js';

export interface HttpRegistryOptions {
  /** The service's base URL, e.g. POPULATION_DB_URL. */
  baseUrl: string;
  /** Sent as `Authorization: Bearer`, e.g. POPULATION_DB_TOKEN. */
  token?: string;
  /** Per attempt; the request is aborted after it. */
  timeoutMs?: number;
  /** Attempts per batch, the first included. */
  maxAttempts?: number;
  /** The first back-off; each retry waits up to twice as long as the one before (full jitter). */
  backoffMs?: number;
  /** For tests: a random source for the jitter. */
  random?: () => number;
}

const STATUSES = new Set(['MATCHED', 'MISMATCH', 'NOT_FOUND']);
// Only field names we know are stored: whatever else the service sends stays out of our tables.
const FIELDS = new Set(['birthDate', 'sex']);
const MAX_RETRY_AFTER_MS = 60_000;

/**
 * The HTTP client of the protocol in docs/POPULATION-DATABASE.md. A batch is retried on a
 * timeout, a network failure, 429 and 5xx, with exponential back-off and full jitter (AWS
 * architecture blog, "Exponential Backoff And Jitter"), honouring Retry-After; the same
 * Idempotency-Key goes with every attempt, so a retry after a lost answer is answered, not
 * counted twice. Any other 4xx is not retried. A row whose answer is malformed is reported on
 * its own; the rest of the batch stands.
 */
export class HttpRegistry implements PopulationRegistry {
  readonly source = 'HTTP' as const;
  readonly maxBatch = 100;
  readonly sourceRef: string;
  private readonly endpoint: URL;
  private readonly options: Required<Omit<HttpRegistryOptions, 'token'>> & { token?: string };

  constructor(options: HttpRegistryOptions) {
    this.options = { timeoutMs: 10_000, maxAttempts: 5, backoffMs: 500, random: Math.random, ...options };
    this.endpoint = new URL('v1/verifications', options.baseUrl.endsWith('/') ? options.baseUrl : `${options.baseUrl}/`);
    this.sourceRef = this.endpoint.origin;
  }

  async verify(batch: VerificationRequest[]): Promise<VerificationOutcome[]> {
    const body = JSON.stringify({ persons: batch });
    // The key names the batch's content: the same batch sent again (a retry, a resumed run)
    // gets the answer already given.
    const idempotencyKey = createHash('sha256').update(body).digest('hex');
    let lastReason: RegistryUnavailable['reason'] = 'NETWORK';
    for (let attempt = 1; attempt <= this.options.maxAttempts; attempt++) {
      let retryAfterMs: number | null = null;
      try {
        const response = await fetch(this.endpoint, {
          method: 'POST',
          headers: {
            'content-type': 'application/json',
            'idempotency-key': idempotencyKey,
            ...(this.options.token ? { authorization: `Bearer ${this.options.token}` } : {}),
          },
          body,
          signal: AbortSignal.timeout(this.options.timeoutMs),
        });
        if (response.ok) {
          const answer = await response.json().catch(() => null);
          const results = (answer as { results?: unknown } | null)?.results;
          if (!Array.isArray(results)) {
            lastReason = 'BAD_RESPONSE';
          } else {
            return outcomes(batch, results);
          }
        } else if (response.status === 429 || response.status >= 500) {
          lastReason = response.status === 429 ? 'RATE_LIMITED' : 'SERVER_ERROR';
          const retryAfter = Number(response.headers.get('retry-after'));
          if (Number.isFinite(retryAfter) && retryAfter >= 0) retryAfterMs = Math.min(retryAfter * 1000, MAX_RETRY_AFTER_MS);
          await response.body?.cancel();
        } else {
          await response.body?.cancel();
          throw new RegistryUnavailable('REJECTED');
        }
      } catch (error) {
        if (error instanceof RegistryUnavailable) throw error;
        lastReason = (error as Error).name === 'TimeoutError' ? 'TIMEOUT' : 'NETWORK';
      }
      if (attempt < this.options.maxAttempts) {
        const ceiling = this.options.backoffMs * 2 ** (attempt - 1);
        await sleep(Math.max(retryAfterMs ?? 0, Math.floor(this.options.random() * ceiling)));
      }
    }
    throw new RegistryUnavailable(lastReason);
  }
}

/** One outcome per request, in the request's order; a missing or malformed answer is a problem of that row. */
function outcomes(batch: VerificationRequest[], results: unknown[]): VerificationOutcome[] {
  const byRef = new Map<string, VerificationOutcome>();
  for (const result of results) {
    const { ref, status, mismatch } = (result ?? {}) as { ref?: unknown; status?: unknown; mismatch?: unknown };
    if (typeof ref !== 'string') continue;
    const fields = mismatch === undefined ? [] : mismatch;
    if (typeof status === 'string' && STATUSES.has(status) && Array.isArray(fields) && fields.every((f) => typeof f === 'string')) {
      byRef.set(ref, { ref, status: status as 'MATCHED', mismatch: (fields as string[]).filter((f) => FIELDS.has(f)) });
    } else {
      byRef.set(ref, { ref, problem: 'MALFORMED_ANSWER' });
    }
  }
  return batch.map((request) => byRef.get(request.ref) ?? { ref: request.ref, problem: 'MALFORMED_ANSWER' });
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
