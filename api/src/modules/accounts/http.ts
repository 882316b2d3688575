import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Db } from '@treem/db/client';
import { AppError, sendRefusal } from '../../errors.js';
import type { ApiClientPrincipal } from './policy.js';
import { apiClientFromToken } from './service.js';

/**
 * Agency systems send `Authorization: Bearer <token>`. A request with a token that is unknown,
 * revoked or expired is refused outright (401), not served as anonymous: a system must learn
 * at once that its token no longer works. Without the header: null, nothing changes. Refused:
 * the 401 has been sent, and the answer is false.
 */
export async function bearerClient({ prisma, req, res }: { prisma: Db; req: IncomingMessage; res: ServerResponse }): Promise<ApiClientPrincipal | null | false> {
  const header = req.headers.authorization;
  if (header === undefined) return null;
  const token = /^Bearer +([\x21-\x7e]+)$/i.exec(header)?.[1];
  const client = token ? await apiClientFromToken({ prisma, token, log: req.log }) : null;
  if (client) return client;
  res.setHeader('WWW-Authenticate', 'Bearer error="invalid_token"');
  sendRefusal(req, res, 401, new AppError('UNAUTHENTICATED', 'INVALID_TOKEN'));
  return false;
}
