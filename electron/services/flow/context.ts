import type { CaseView } from '../../api/types';
import { mayHandleCases } from '../accounts/roles';
import type { CatalogItem } from '../catalog';
import { generateHallKey, type HallKey } from '../certificates';
import type { Core } from '../core/core';
import type { PrintingService } from '../printing/service';
import type { RuleFacts } from '../rules';
import { CaseBook } from './book';
import type { FlowDeps } from './deps';
import { factsOf } from './facts';
import type { LiveCase } from './live';
import type { OutputKind } from './outputs/types';
import { caseView } from './views';

/**
 * What every step of the flow shares: its dependencies, the cases in memory, and the one way a
 * case view is built and sent out. Steps are plain functions of this context (intake.ts,
 * choose.ts, print/…), so the flow is one object whatever outputs an item has.
 */
export class FlowContext {
  readonly book: CaseBook;
  /** Every license type any item needs, plus the resident-ID license for the photo. */
  readonly wanted: string[];
  /** Every program whose area list an item declares as evidence. */
  readonly programs: string[];
  /** Which output each print job the manager follows prints (the case is printing.jobCase's). */
  readonly jobs = new Map<string, OutputKind>();
  /** Previews are signed by a throwaway key no verifier trusts, so a preview is never a certificate. */
  readonly previewKey: HallKey = generateHallKey('PREVIEW');

  constructor(readonly d: FlowDeps) {
    this.book = new CaseBook(d);
    const types = new Set<string>(['111001']);
    for (const it of d.catalog.items) for (const l of it.licenses) types.add(l.type);
    this.wanted = [...types];
    this.programs = [
      ...new Set(
        d.catalog.items.flatMap((it) =>
          it.evidence.sources.flatMap((s) => (s.kind === 'program-areas' ? [s.program] : [])),
        ),
      ),
    ];
  }

  get core(): Core {
    return this.d.core;
  }

  printing(): PrintingService | undefined {
    return this.d.core.services.printing;
  }

  facts(live: LiveCase, item: CatalogItem | null): RuleFacts {
    return factsOf(this.d, live, item);
  }

  item(live: LiveCase): CatalogItem | undefined {
    return live.itemCode ? this.d.catalog.byCode.get(live.itemCode) : undefined;
  }

  view(caseId: string): CaseView {
    const live = this.book.need(caseId);
    return caseView(live, this.book.record(caseId), this.item(live), this.wanted);
  }

  /**
   * The one way a case view goes out as an event: only to the person it is shown to, so a fetch
   * that settles after sign-out never reaches the next session. Returns the view for the caller.
   */
  publish(caseId: string): CaseView {
    const view = this.view(caseId);
    if (this.shownTo(this.book.need(caseId))) this.core.bus.emit('case.changed', view);
    return view;
  }

  /** The signed-in person handles cases and holds this one (opened it, or acted on it last). */
  shownTo(live: LiveCase): boolean {
    const s = this.core.session;
    return mayHandleCases(s) && live.holder === s?.userId;
  }

  log(what: string, err: unknown): void {
    this.core.log(`${what}: ${err instanceof Error ? err.message : String(err)}`);
  }
}
