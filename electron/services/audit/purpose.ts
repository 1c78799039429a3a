import { AppError } from '../errors';
import type { Core } from '../core/core';

/** What the case service reports about a case, enough to bind a data access to it. */
export interface CaseRef {
  caseId: string;
  state: 'open' | 'completed' | 'voided' | (string & {});
  /** auditSubject() of the citizen the case is for. */
  subject: string;
  itemCode: string;
  /** Account that opened the case. */
  clerkId: string;
}

export type CaseLookup = (caseId: string) => CaseRef | null;

/** The case service registers how to find a case once at start-up (core.services.caseLookup). */
export function registerCaseLookup(core: Core, lookup: CaseLookup): void {
  core.services.caseLookup = lookup;
}

export function caseLookupWired(core: Core): boolean {
  return !!core.services.caseLookup;
}

/**
 * Purpose binding: personal data (registry, cache, the citizen slip) may be touched only inside a
 * case that is open and belongs to the signed-in clerk; a supervisor may act on anyone's open case.
 * Call it first in every handler that reaches a person's data, and log the returned case's id and
 * item as the purpose of the access.
 */
export function requireOpenCase(core: Core, caseId: string): CaseRef {
  const session = core.session;
  if (!session) throw new AppError('AUTH_REQUIRED', 'Sign in first.');
  const lookup = core.services.caseLookup;
  if (!lookup)
    throw new AppError(
      'CASE_SERVICE_UNAVAILABLE',
      'Cases are not available on this terminal yet, so personal data cannot be requested; restart the app, and report it if it repeats.',
    );
  const found = lookup(caseId);
  if (!found)
    throw new AppError('CASE_NOT_FOUND', 'No such case. Open a case for this citizen first (place the ID card).');
  if (found.state !== 'open')
    throw new AppError(
      'CASE_NOT_OPEN',
      `This case is ${found.state}; personal data can be requested only inside an open case. Open a new case.`,
    );
  if (found.clerkId !== session.userId && !session.roles.includes('supervisor')) {
    throw new AppError(
      'CASE_NOT_YOURS',
      'This case was opened by another clerk; open your own case for this citizen, or ask a supervisor.',
    );
  }
  return found;
}
