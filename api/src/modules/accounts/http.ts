import type { RequestHandler } from 'express';
import type { Db } from '@treem/db/client';
import { AppError, sendRefusal } from '../../errors.js';
import { apiClientFromToken } from './service.js';

/**
 * Agency systems send `Authorization: Bearer <token>`. A request with a token that is unknown,
 * revoked or expired is refused outright (401), not served as anonymous: a system must learn
 * at once that its token no longer works. Without the header, nothing changes.
 */
export function bearerAuthentication(prisma: Db): RequestHandler {
  return async (req, res, next) => {
    const header = req.headers.authorization;
    if (header === undefined) return next();
    const token = /^Bearer +([\x21-\x7e]+)$/i.exec(header)?.[1];
    const client = token ? await apiClientFromToken({ prisma, token }) : null;
    if (!client) {
      res.set('WWW-Authenticate', 'Bearer error="invalid_token"');
      return sendRefusal(req, res, 401, new AppError('UNAUTHENTICATED', 'INVALID_TOKEN'));
    }
    res.locals.apiClient = client;
    next();
  };
}
