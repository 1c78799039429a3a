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

/** Roles that open cases: a card read or a typed number starts one only for them (contract: case.openManual). */
export const CASE_OPENERS: readonly Role[] = ['clerk', 'station'];

type SessionLike = { roles: readonly Role[]; locked?: boolean; mustChangePassword?: boolean } | null | undefined;

/** What a holder of these roles does with cases, once unlocked with their own password; undefined: nothing. */
export function caseAccess(roles: readonly Role[]): 'open' | 'finish' | undefined {
  if (roles.some((r) => CASE_OPENERS.includes(r))) return 'open';
  return roles.includes('supervisor') ? 'finish' : undefined;
}

const usable = (s: SessionLike): s is NonNullable<SessionLike> => !!s && !s.locked && !s.mustChangePassword;

/** Whether this session may open a case now: a case-handling role, unlocked, with its own password set. */
export function mayOpenCases(s: SessionLike): boolean {
  return usable(s) && caseAccess(s.roles) === 'open';
}

/** Whether this session may see cases at all: openers, and supervisors (overrides, interrupted prints, voids). */
export function mayHandleCases(s: SessionLike): boolean {
  return usable(s) && caseAccess(s.roles) !== undefined;
}
