import { CaseError } from './errors';
import type { CaseState } from './types';

/** Which states each step may start from. Everything else is an illegal transition. */
const FROM = {
  chooseItem: ['open'],
  recordChecks: ['open'],
  override: ['open'],
  issue: ['open'],
  jobAccepted: ['accepted'],
  complete: ['accepted'],
  reprint: ['completed'],
  void: ['open', 'accepted', 'completed'],
} as const satisfies Record<string, readonly CaseState[]>;

export type CaseStep = keyof typeof FROM;

const WHAT: Record<CaseStep, string> = {
  chooseItem: 'choose a service item',
  recordChecks: 'record checks',
  override: 'override the checks',
  issue: 'issue a certificate',
  jobAccepted: 'send it to the printer',
  complete: 'mark it printed',
  reprint: 'reprint it',
  void: 'void it',
};

const WHY: Record<CaseState, string> = {
  open: 'no certificate has been issued yet',
  accepted: 'its certificate was issued and is waiting to be printed',
  completed: 'its certificate has been printed',
  voided: 'it was voided',
};

export function assertStep(caseId: string, state: CaseState, step: CaseStep): void {
  if (!(FROM[step] as readonly CaseState[]).includes(state)) {
    throw new CaseError(
      'CASE_ILLEGAL_TRANSITION',
      `Case ${caseId} cannot ${WHAT[step]} now: ${WHY[state]}. Refresh the case and continue from its current state.`,
    );
  }
}

export const canStep = (state: CaseState, step: CaseStep): boolean =>
  (FROM[step] as readonly CaseState[]).includes(state);
