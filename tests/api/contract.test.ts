import { readFile } from 'node:fs/promises';
import { describe, expect, inject, it } from 'vitest';
import { contractPath, printSchemaContract } from '@treem/api/contract';
import { schemaDrift } from '@treem/db/migrate';

describe('contracts that must not go stale', () => {
  it('schema/schema.graphql is what the code prints (run `pnpm schema:print`)', async () => {
    expect(await readFile(contractPath, 'utf8')).toBe(printSchemaContract());
  });

  it('prisma/migrations produce exactly schema.prisma (run `pnpm db:migration <name>`)', async () => {
    expect(await schemaDrift(inject('databaseUrl'))).toBe('');
  });
});
