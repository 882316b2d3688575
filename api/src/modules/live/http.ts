import type { RequestHandler } from 'express';
import { parse as parseCookies } from 'cookie';
import type { Db } from '@treem/db/client';
import { AppError, sendRefusal } from '../../errors.js';
import { decodeGlobalId } from '../../ids.js';
import { SESSION_COOKIE, viewerFromSession } from '../accounts/service.js';
import { liveTally, type TallyHub } from './service.js';

const HEARTBEAT_MS = 25_000;

/**
 * GET /live/proposals/:id/tally — a text/event-stream of `tally` events (the counts, never
 * ballots) for an open proposal whose council chose live counts and that the viewer may see.
 * Anything else is 404, as for a proposal that does not exist.
 */
export function liveTallyHandler({ prisma, hub }: { prisma: Db; hub: TallyHub }): RequestHandler {
  return async (req, res) => {
    let proposalId: string;
    try {
      const id = decodeGlobalId(String(req.params.id));
      if (id.typename !== 'Proposal') throw new AppError('NOT_FOUND');
      proposalId = id.id;
    } catch {
      return sendRefusal(req, res, 404, new AppError('NOT_FOUND'));
    }
    // Listened for before anything is awaited: a browser that leaves while the first count is
    // read must not leave a subscription and a heartbeat behind, writing to no one.
    let closed = false;
    let stop = () => {};
    res.on('close', () => {
      closed = true;
      stop();
    });
    const token = parseCookies(req.headers.cookie ?? '')[SESSION_COOKIE];
    const viewer = token ? await viewerFromSession({ prisma, token }) : null;
    const first = await liveTally({ prisma, viewer, proposalId });
    if (closed) return;
    if (!first) return sendRefusal(req, res, 404, new AppError('NOT_FOUND'));

    res.writeHead(200, { 'Content-Type': 'text/event-stream; charset=utf-8', 'Cache-Control': 'no-store', Connection: 'keep-alive', 'X-Accel-Buffering': 'no' });
    const send = (tally: object) => res.write(`event: tally\ndata: ${JSON.stringify(tally)}\n\n`);
    send(first);
    // Visibility is checked again for every push (when voting closes the stream ends), once for
    // all the browsers of one viewer, or of no one signed in.
    const unsubscribe = await hub.subscribe(proposalId, (wake) => {
      if (!wake) return void res.end();
      void wake.once(viewer?.id ?? '', () => liveTally({ prisma, viewer, proposalId })).then((tally) => {
        if (closed) return;
        if (tally) send(tally);
        else res.end();
      }, () => res.end());
    });
    const heartbeat = setInterval(() => res.write(': keep-alive\n\n'), HEARTBEAT_MS);
    stop = () => {
      clearInterval(heartbeat);
      unsubscribe();
    };
    if (closed) stop();
  };
}
