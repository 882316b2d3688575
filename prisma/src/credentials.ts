import { hash, verify } from '@node-rs/argon2';

// Lives with the Credential table because seed, factories and the accounts module must all
// write hashes the same way. The library's default algorithm is argon2id; the costs are
// OWASP's argon2id baseline (19 MiB, 2 passes, 1 lane).
const params = { memoryCost: 19456, timeCost: 2, parallelism: 1 };

export function hashPassword(password: string): Promise<string> {
  return hash(password, params);
}

export function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  return verify(passwordHash, password);
}
