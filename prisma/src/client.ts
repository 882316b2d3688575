import { PrismaPg } from '@prisma/adapter-pg';
import { PrismaClient } from '../generated/prisma/client.js';

export * from '../generated/prisma/client.js';

export interface CreatePrismaOptions {
  url: string;
  /** Called with every SQL statement (tests count queries with it to catch N+1 loads). */
  onQuery?: (sql: string) => void;
}

export function createPrisma({ url, onQuery }: CreatePrismaOptions) {
  const adapter = new PrismaPg({ connectionString: url });
  const client = new PrismaClient({ adapter, log: [{ emit: 'event', level: 'query' }] });
  if (onQuery) client.$on('query', (event) => onQuery(event.query));
  return client;
}

/** The project's database client. */
export type Db = ReturnType<typeof createPrisma>;
