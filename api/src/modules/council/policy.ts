import { today } from '../../calendar.js';
import type { Viewer } from '../accounts/service.js';

/** A child sees and acts in a council only while holding a current membership there. */
export function isCurrentMember(viewer: Viewer | null, councilId: string): boolean {
  return viewer?.memberCouncilIds.includes(councilId) ?? false;
}

export function moderates(viewer: Viewer | null, councilId: string): boolean {
  return viewer?.moderatedCouncilIds.includes(councilId) ?? false;
}

/** Prisma filter for the term running on a day (a calendar date, see calendar.ts). */
export function termOn(day: Date) {
  return { startsOn: { lte: day }, endsOn: { gte: day } };
}

/** Prisma filter for memberships that count on a day (default today): in the running term and not left. */
export function currentMembershipWhere(day = today()) {
  return { leftAt: null, term: termOn(day) };
}

/** Current memberships in one of these councils. */
export function currentMembershipIn(councilIds: string[], day = today()) {
  const { term, ...current } = currentMembershipWhere(day);
  return { ...current, term: { ...term, councilId: { in: councilIds } } };
}
