import type { Role } from '@treem/db/client';
import type { Viewer } from './service.js';

export function hasRole(viewer: Viewer | null, role: Role): boolean {
  return viewer?.roles.some((grant) => grant.role === role) ?? false;
}
