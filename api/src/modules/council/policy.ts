import type { Viewer } from '../accounts/service.js';

/** A child sees and acts in a council only while holding a current membership there. */
export function isCurrentMember(viewer: Viewer | null, councilId: string): boolean {
  return viewer?.memberCouncilIds.includes(councilId) ?? false;
}

export function moderates(viewer: Viewer | null, councilId: string): boolean {
  return viewer?.moderatedCouncilIds.includes(councilId) ?? false;
}

/** Prisma filter for memberships that count today: in the running term and not left. */
export function currentMembershipWhere(on = new Date()) {
  return { leftAt: null, term: { startsOn: { lte: on }, endsOn: { gte: on } } };
}
