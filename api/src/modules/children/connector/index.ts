// The link with the national population database, behind one interface: a bulk file import
// (an extract the database's operator hands over) and an HTTP client for the JSON protocol
// written down in docs/POPULATION-DATABASE.md. Both answer the same question for a batch of
// records: does the database know this personal number with this birth date?

export type RegistryMatch = 'MATCHED' | 'MISMATCH' | 'NOT_FOUND';

export interface VerificationRequest {
  /** An opaque reference within the batch; never a record id or anything personal. */
  ref: string;
  personalNumber: string;
  /** YYYY-MM-DD */
  birthDate: string;
}

export type VerificationOutcome =
  | { ref: string; status: RegistryMatch; mismatch: string[] }
  /** The answer for this row was unusable: the row is reported, the others stand. */
  | { ref: string; problem: 'MALFORMED_ANSWER' };

export interface PopulationRegistry {
  readonly source: 'FILE' | 'HTTP';
  /** What a run is resumed on: the file's SHA-256, or the service's origin. */
  readonly sourceRef: string;
  /** The largest batch one call may carry. */
  readonly maxBatch: number;
  verify(batch: VerificationRequest[]): Promise<VerificationOutcome[]>;
}

/** The service could not answer at all (after retries): the run stops and can be resumed. */
export class RegistryUnavailable extends Error {
  constructor(readonly reason: 'TIMEOUT' | 'SERVER_ERROR' | 'RATE_LIMITED' | 'REJECTED' | 'NETWORK' | 'BAD_RESPONSE') {
    super(`population database unavailable: ${reason}`);
    this.name = 'RegistryUnavailable';
  }
}
