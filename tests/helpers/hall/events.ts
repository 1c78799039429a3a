import type { HallCaseEvent, HallEventEnvelope } from '../../../protocol/hall-wire';
import { randInt } from '../rng';

export interface CaseTally {
  accepted: number;
  completed: number;
  voided: number;
  submitted: number;
  approved: number;
  rejected: number;
}

/**
 * A terminal's seeded day of cases as hall envelopes (seq 1, 2, 3…), with the counts the hall must
 * arrive at. Times fall within `dayStartMs` + 8…18 h; each case is opened, checked, then printed,
 * submitted (maybe decided) or voided, and sometimes rated.
 */
export function terminalDay(
  r: () => number,
  terminal: string,
  cases: number,
  dayStartMs: number,
  clerks: string[],
): { events: HallEventEnvelope[]; tally: CaseTally } {
  const tally: CaseTally = { accepted: 0, completed: 0, voided: 0, submitted: 0, approved: 0, rejected: 0 };
  const events: HallEventEnvelope[] = [];
  let seq = 0;
  const push = (body: HallCaseEvent) => events.push({ seq: ++seq, key: `${body.caseId}.${body.type}`, body });
  for (let i = 0; i < cases; i++) {
    const caseId = `${terminal}-c${i}`;
    const base = {
      caseId,
      clerkId: clerks[randInt(r, clerks.length)]!,
      window: `W${terminal}`,
      itemCode: `ITEM${randInt(r, 4)}`,
    };
    let at = dayStartMs + 8 * 3600_000 + Math.floor((i / cases) * 10 * 3600_000);
    push({ ...base, type: 'opened', at });
    tally.accepted += 1;
    push({ ...base, type: 'checked', at: (at += 1000 + randInt(r, 60_000)) });
    const fate = randInt(r, 4);
    if (fate === 0) {
      push({ ...base, type: 'voided', at: (at += 1000) });
      tally.voided += 1;
      continue;
    }
    if (fate === 1) {
      push({ ...base, type: 'submitted', at: (at += 1000 + randInt(r, 300_000)) });
      tally.submitted += 1;
      if (r() < 0.7) {
        const decision = r() < 0.8 ? 'approved' : 'rejected';
        push({ ...base, type: 'decided', decision, at: (at += 60_000) });
        tally[decision] += 1;
        tally.completed += 1;
      }
    } else {
      push({ ...base, type: 'issued', at: (at += 1000 + randInt(r, 300_000)) });
      push({ ...base, type: 'printed', at: (at += 5000) });
      tally.completed += 1;
    }
    if (r() < 0.5) push({ ...base, type: 'rated', rating: 1 + randInt(r, 5), at: (at += 10_000) });
  }
  return { events, tally };
}
