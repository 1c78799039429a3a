import type { CaseView, SessionInfo } from '../../api/types';
import { maskBilingual, maskName, maskNameIn } from './mask';
import type { CitizenView } from './types';

export interface CounterInfo {
  hall: string;
  window: string;
  clerk?: { name: string; staffNo?: string; photo?: string };
}

/**
 * Pure: what the citizen may see of the counter now. Nothing while the clerk's screen is locked or
 * nobody is signed in; only masked details of the open case otherwise.
 */
export function citizenView(
  rev: number,
  counter: CounterInfo,
  session: SessionInfo | null,
  current: CaseView | null,
  rating: CitizenView['rating'] | null,
  sign?: CitizenView['sign'],
  ended?: CitizenView['ended'],
): CitizenView {
  const usable = !!session && !session.locked && !session.mustChangePassword;
  const base: CitizenView = {
    rev,
    state: 'idle',
    counter: usable ? counter : { hall: counter.hall, window: counter.window },
  };
  if (!usable) return base;
  if (rating) return { ...base, state: 'rating', rating };
  if (ended) return { ...base, state: 'thanks', ended };
  if (!current || current.state === 'voided') return base;
  const full = current.card.name;
  return {
    ...base,
    state: 'case',
    case: {
      name: maskName(current.card.name),
      numberMasked: current.card.numberMasked,
      ...(current.item
        ? { item: { code: current.item.itemCode ?? current.item.code, names: current.item.names } }
        : {}),
      // A check's sentence may name the citizen in full: masked like the heading.
      checks: current.checks.map((c) => ({
        label: maskBilingual(c.label, full),
        sentence: maskBilingual(c.sentence, full),
        result: c.result,
      })),
      exempts: current.item?.exempts ?? [],
      // Ready to confirm and sign once the chosen item's checks allow the document (or it was made).
      confirm: !!current.item && (current.eligible || !!current.timings.generatedAt),
    },
    ...(sign
      ? { sign: { ...sign, rows: sign.rows.map((r) => ({ label: r.label, value: maskNameIn(r.value, full) })) } }
      : {}),
  };
}
