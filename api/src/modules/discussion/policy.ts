import type { Prisma } from '@treem/db/client';
import type { Viewer } from '../accounts/service.js';
import { PUBLISHED_STATES } from '../proposals/policy.js';

/**
 * Comments are pre-moderated: others see a comment only once a moderator approved it, it was
 * not hidden, and its proposal is published and not hidden. Its author always sees it (with its
 * state), and so do the moderators of the proposal's council, who decide on it.
 */
export function visibleCommentsWhere(viewer: Viewer | null): Prisma.CommentWhereInput {
  const published: Prisma.CommentWhereInput = {
    state: 'APPROVED',
    hiddenAt: null,
    proposal: { state: { in: PUBLISHED_STATES }, hiddenAt: null },
  };
  if (!viewer) return published;
  return {
    OR: [
      published,
      { authorId: viewer.id },
      ...(viewer.moderatedCouncilIds.length > 0 ? [{ proposal: { councilId: { in: viewer.moderatedCouncilIds } } }] : []),
    ],
  };
}

/** Content waiting for a moderator of these councils: pending comments and unresolved reports. */
export const pendingCommentsWhere = (councilIds: string[]): Prisma.CommentWhereInput => ({
  state: 'PENDING',
  proposal: { councilId: { in: councilIds } },
});
