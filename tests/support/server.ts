// Starts the real application (the same createApp that `pnpm start` uses) on a free port.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { createApp } from '@treem/api/app';
import { loadWebHandler, WEB_TEST_BUILD } from '@treem/api/web';
import { createPrisma } from '@treem/db/client';
import type { Logger } from 'pino';
import type { AppOptions } from '@treem/api/app';

export async function startServer({ databaseUrl, replicaUrls, withWeb = false, logger, throttleStore }: { databaseUrl: string; replicaUrls?: string[]; withWeb?: boolean; logger?: Logger; throttleStore?: AppOptions['throttleStore'] }) {
  const queries: string[] = [];
  const prisma = createPrisma({ url: databaseUrl, replicaUrls, onQuery: (sql) => queries.push(sql) });
  const web = withWeb ? await loadWebHandler({ buildDir: WEB_TEST_BUILD }) : undefined;
  if (withWeb && !web) throw new Error('web/build-test is missing: run `pnpm --filter @treem/web build:test` (pnpm test does).');
  const { handler, stop } = await createApp({ prisma, webHandler: web?.handler, logger, throttleStore });
  const server = http.createServer(handler).listen(0, '127.0.0.1');
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
