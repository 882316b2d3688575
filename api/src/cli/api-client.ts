// `pnpm api-client create --agency <code> --scopes <a,b> [--name <text>] [--expires-days <n>]`
// `pnpm api-client list [--agency <code>]` · `pnpm api-client revoke <id>`
// For the server's operator: works on DATABASE_URL, or the embedded database of `pnpm start`.
// Admins can do the same through GraphQL (createApiClient, revokeApiClient, apiClients).
import { parseArgs } from 'node:util';
import { createPrisma } from '@treem/db/client';
import { ensureDatabase } from '@treem/db/database';
import { migrateDatabase } from '@treem/db/migrate';
import { AppError } from '../errors.js';
import { refusalMessage, translator } from '../i18n.js';
import { API_SCOPES } from '../modules/accounts/policy.js';
import { issueApiClient, retireApiClient } from '../modules/accounts/service.js';
import { SYSTEM_ACTOR } from '../modules/audit/service.js';

const usage = `Usage:
  pnpm api-client create --agency <code> --scopes <scope,scope> [--name <text>] [--expires-days <n>]
  pnpm api-client list [--agency <code>]
  pnpm api-client revoke <id>
Scopes: ${Object.keys(API_SCOPES).join(', ')}`;

const { values, positionals } = parseArgs({
  options: {
    agency: { type: 'string' },
    scopes: { type: 'string' },
    name: { type: 'string' },
    'expires-days': { type: 'string' },
    help: { type: 'boolean', short: 'h' },
  },
  allowPositionals: true,
});
const [command, ...rest] = positionals;
if (values.help || !command || !['create', 'list', 'revoke'].includes(command)) {
  console.log(usage);
  process.exit(values.help ? 0 : 1);
}

const database = await ensureDatabase();
const prisma = createPrisma({ url: database.url });
try {
  await migrateDatabase(database.url);
  if (command === 'create') {
    if (!values.agency || !values.scopes) throw new Error(usage);
    const { apiClient, token } = await issueApiClient({
      prisma,
      actor: SYSTEM_ACTOR,
      input: {
        agencyCode: values.agency,
        name: values.name ?? `${values.agency} system`,
        scopes: values.scopes.split(',').map((scope) => scope.trim()).filter(Boolean),
        expiresInDays: values['expires-days'] ? Number(values['expires-days']) : undefined,
      },
    });
    console.log(`API client ${apiClient.id} for ${values.agency}, scopes ${apiClient.scopes.join(', ')}, expires ${apiClient.expiresAt?.toISOString().slice(0, 10)}.`);
    console.log('Its token (shown only now; send it as "Authorization: Bearer <token>"):');
    console.log(token);
  } else if (command === 'list') {
    const clients = await prisma.apiClient.findMany({
      where: values.agency ? { agency: { code: values.agency } } : {},
      include: { agency: { select: { code: true } } },
      orderBy: { createdAt: 'desc' },
    });
    for (const c of clients) {
      const state = c.revokedAt ? 'revoked' : c.expiresAt && c.expiresAt <= new Date() ? 'expired' : 'active';
      console.log([c.id, c.agency.code, c.tokenPrefix + '…', state, c.scopes.join(','), c.name].join('\t'));
    }
    if (clients.length === 0) console.log('No API clients.');
  } else {
    const id = rest[0];
    if (!id) throw new Error(usage);
    const client = await retireApiClient({ prisma, actor: SYSTEM_ACTOR, id });
    console.log(`Revoked ${client.id} (${client.name}).`);
  }
} catch (error) {
  console.error(error instanceof AppError ? refusalMessage(translator('en'), error) : error instanceof Error ? error.message : error);
  process.exitCode = 1;
} finally {
  await prisma.$disconnect();
  await database.stop();
}
// Explicitly: the embedded database's exit hook would end the process with 0 otherwise.
process.exit(process.exitCode ?? 0);
