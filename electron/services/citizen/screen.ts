import type { Core } from '../core/core';
import { RatingPrompt } from './prompt';
import { citizenView, type CounterInfo } from './view';
import type { CitizenView } from './types';

/** The clerk's staff number and photo (migration 009); read here so accounts/ stays untouched. */
function clerkOf(core: Core): CounterInfo['clerk'] {
  const s = core.session;
  if (!s) return undefined;
  const row = core.db.prepare('SELECT staff_no, photo FROM accounts WHERE id = ?').get(s.userId) as
    { staff_no: string | null; photo: Buffer | null } | undefined;
  return {
    name: s.displayName,
    ...(row?.staff_no ? { staffNo: row.staff_no } : {}),
    ...(row?.photo ? { photo: `data:image/png;base64,${row.photo.toString('base64')}` } : {}),
  };
}

/**
 * The citizen's screen as a live view: rebuilt whenever the clerk's case or session moves, and
 * pushed as `citizen.changed`, the only event the citizen's stream carries.
 */
export class CitizenScreen {
  private rev = 0;
  private rating: CitizenView['rating'] | null = null;
  private readonly off: (() => void)[] = [];
  readonly prompt: RatingPrompt;

  constructor(
    private readonly core: Core,
    ratingTimeoutMs?: number,
  ) {
    this.prompt = new RatingPrompt(
      core,
      (r) => {
        this.rating = r;
        this.push();
      },
      ratingTimeoutMs,
    );
    this.off.push(
      core.bus.onAny((name) => {
        if (name === 'case.changed' || name === 'session.changed') this.push();
      }),
    );
  }

  view(): CitizenView {
    const c = this.core;
    const counter: CounterInfo = { hall: c.config.hall.name, window: c.config.counter, clerk: clerkOf(c) };
    return citizenView(++this.rev, counter, c.session, c.services.desk?.current() ?? null, this.rating);
  }

  stop(): void {
    this.prompt.cancel();
    for (const f of this.off.splice(0)) f();
  }

  private push(): void {
    this.core.bus.emit('citizen.changed', this.view());
  }
}
