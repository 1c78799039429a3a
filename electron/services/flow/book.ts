import { AppError } from '../errors';
import { getAccount } from '../accounts/store';
import { getCase, type CaseRecord } from '../cases';
import type { FlowDeps } from './deps';
import type { LiveCase } from './live';
import { restoredLive } from './restore';
import { getApplication } from './application';
import { applicationView } from './application-docs';

/** How many cases stay in memory; older ones live on in the database only. */
const KEEP = 20;

/**
 * The cases the counter holds in memory, and the one at the counter now. Every lookup of a case
 * goes through here: `need` for the citizen still at the counter, `load` for any case on record
 * (brought back after a restart), `held` for whoever acts on it now.
 */
export class CaseBook {
  private readonly live = new Map<string, LiveCase>();
  currentId: string | null = null;

  constructor(private readonly d: FlowDeps) {}

  add(live: LiveCase): void {
    this.live.set(live.id, live);
    while (this.live.size > KEEP) this.live.delete(this.live.keys().next().value as string);
  }

  /** In memory only: a job event or a late fetch for a case already dropped changes nothing. */
  peek(caseId: string | null | undefined): LiveCase | undefined {
    return caseId ? this.live.get(caseId) : undefined;
  }

  /** The case is open at this counter (read since the app started). */
  need(caseId: string): LiveCase {
    const live = this.live.get(caseId);
    if (!live)
      throw new AppError('CASE_NOT_FOUND', 'This case is no longer open at this counter; read the card again.');
    return live;
  }

  /** Any case on record: from memory, or rebuilt from its record (after a restart) for printing or voiding. */
  load(caseId: string): LiveCase {
    const known = this.live.get(caseId);
    if (known) return known;
    const live = restoredLive(
      getCase(this.d.core.db, this.d.cipher, caseId),
      (id) => getAccount(this.d.core.db, id)?.displayName ?? id,
    );
    // An application case brought back can print its receipt again (print/retry.ts printDocument).
    const app = getApplication(this.d.core, this.d.cipher, caseId);
    if (app) live.application = applicationView(this.d.catalog, app);
    this.add(live);
    return live;
  }

  /** Retry, reprint and void: whoever acts (a supervisor, after a restart) now holds the case and sees its progress. */
  held(caseId: string): LiveCase {
    const live = this.load(caseId);
    const by = this.d.core.session?.userId;
    if (by) live.holder = by;
    return live;
  }

  record(caseId: string): CaseRecord | undefined {
    try {
      return getCase(this.d.core.db, this.d.cipher, caseId);
    } catch {
      return undefined;
    }
  }
}
