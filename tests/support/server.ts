// Starts the real application (the same createApp that `pnpm start` uses) on a free port.
import type { AddressInfo } from 'node:net';
import { createApp } from '@treem/api/app';
import { loadWebHandler } from '@treem/api/web';
import { createPrisma } from '@treem/db/client';

export async function startServer({ databaseUrl, withWeb = false }: { databaseUrl: string; withWeb?: boolean }) {
  const queries: string[] = [];
  const prisma = createPrisma({ url: databaseUrl, onQuery: (sql) => queries.push(sql) });
  const webHandler = withWeb ? await loadWebHandler() : undefined;
  if (withWeb && !webHandler) throw new Error('web/build is missing: run `pnpm --filter @treem/web build` (pnpm test does).');
  const { app, stop } = await createApp({ prisma, webHandler });
  const server = app.listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    prisma,
    /** Every SQL statement the server ran; tests empty it to count one request's queries. */
    queries,
    async close() {
      await new Promise((resolve) => server.close(resolve));
      await stop();
      await prisma.$disconnect();
    },
  };
}
