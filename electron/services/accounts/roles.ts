import type { Role } from '../../api/types';

export const ROLES: readonly Role[] = ['clerk', 'station', 'supervisor', 'admin'];

/**
 * Roles an account holds imply others: a community-station account does everything a counter
 * clerk does plus worklists. Supervisor and admin imply nothing, so an administrator cannot look
 * at citizens' data unless also given a case-handling role (separation of duties).
 */
const IMPLIES: Partial<Record<Role, Role[]>> = { station: ['clerk'] };

export function effectiveRoles(roles: readonly Role[]): Role[] {
  const out = new Set<Role>();
  for (const r of roles) {
    out.add(r);
    for (const i of IMPLIES[r] ?? []) out.add(i);
  }
  return ROLES.filter((r) => out.has(r));
}

export function parseRoles(json: string): Role[] {
  const v = JSON.parse(json) as unknown;
  return Array.isArray(v) ? ROLES.filter((r) => v.includes(r)) : [];
}
