import type { CaseView } from '../../electron/api/types';
import type { Core } from '../../electron/services/core/core';

/** Places a demo card and waits for the case to open with its licenses fetched. */
export async function placeAndWait(core: Core, name: string, timeoutMs = 15_000): Promise<CaseView> {
  const reader = core.services.reader!;
  const card = reader.demoCards().find((c) => c.name === name);
  if (!card) throw new Error(`no demo card for ${name}`);
  const done = new Promise<CaseView>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`case for ${name} not ready in ${timeoutMs} ms`)), timeoutMs);
    const off = core.bus.onAny((event, payload) => {
      const c = payload as CaseView | null;
      if (event === 'case.changed' && c && c.card.name === name && c.registry.state === 'done') {
        clearTimeout(timer);
        off();
        resolve(c);
      }
    });
  });
  reader.toggleCard(card.id);
  return done;
}

/** Waits for a case's print job to reach a state. */
export function jobState(core: Core, caseId: string, state: string, timeoutMs = 20_000): Promise<CaseView> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`job of case ${caseId} did not reach ${state}`)), timeoutMs);
    const off = core.bus.onAny((event, payload) => {
      const c = payload as CaseView | null;
      if (event === 'case.changed' && c?.caseId === caseId && c.job?.state === state) {
        clearTimeout(timer);
        off();
        resolve(c);
      }
    });
  });
}

export async function removeCard(core: Core): Promise<void> {
  const reader = core.services.reader!;
  const placed = reader.trainingState().placed;
  if (placed) reader.toggleCard(placed);
  while (reader.card()) await new Promise((r) => setTimeout(r, 50));
}
