import { AppError } from '../errors';
import type { CaseView, ItemView, SessionInfo } from '../../api/types';
import { mayHandleCases, mayOpenCases } from '../accounts/roles';
import { idNumberBirth, idNumberSex, isValidIdNumber, sexByCode, type Card } from '../../../native/id-reader';
import {
  chooseItem as dbChooseItem,
  getCase,
  licensesUsedFrom,
  openCase,
  recentItemCounts,
  recordChecks,
  type CaseRecord,
} from '../cases';
import { getItem, searchItems, type Catalog, type CatalogItem } from '../catalog';
import type { Core } from '../core/core';
import type { RecordCipher } from '../crypto';
import type { FetchResult } from '../licenses';
import type { CurrentCard } from '../reader/service';
import { evaluate, followUpFetches, type RuleFacts } from '../rules';
import { issuedLookup } from '../cases';
import { programAreas } from './areas';
import { auditCase, auditFetch } from './audit';
import type { LiveCase } from './live';
import { photoOf } from './certificate';
import { usageFor } from './usage';
import { caseView, itemView } from './views';
import type { DataPool } from '../pool';
import { formFor, type ApplicationDeps } from './application';

export interface FlowDeps {
  core: Core;
  catalog: Catalog;
  cipher: RecordCipher;
  /** The card on the reader now, if any: a clerk who signs in while it lies there gets a case for it. */
  cardOnReader?: () => CurrentCard | null;
  /** Values confirmed in earlier cases (services/pool); without it forms are prefilled from card, licenses and hall only. */
  pool?: DataPool;
  /** resources/catalog/hall-defaults.json, for form fields whose source is the hall. */
  hallDefaults?: Record<string, string>;
}

const DAY = 86_400_000;

/**
 * The case at the counter: opened by a card read (or a typed number with a reason), licenses
 * fetched at once, item chosen, checks run. Printing lives in print.ts on top of this.
 */
export class CaseFlow {
  protected readonly live = new Map<string, LiveCase>();
  protected currentId: string | null = null;
  /** The sign-in the open case belongs to; another one parks it. */
  private sessionSerial: number | null = null;
  /** The card read this session already acted on (opened, or closed with F8), so it is not opened twice. */
  private handledRead: string | null = null;
  /** Every license type any item needs, plus the resident-ID license for the photo. */
  readonly wanted: string[];
  /** Every program whose area list an item declares as evidence. */
  readonly programs: string[];

  constructor(protected readonly d: FlowDeps) {
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

  protected get core(): Core {
    return this.d.core;
  }

  /**
   * A card read opens a case only for a signed-in, unlocked session whose role handles cases (clerk,
   * station) and whose password is its own: no one else causes a registry fetch.
   */
  onCard(c: CurrentCard): void {
    if (!mayOpenCases(this.core.session)) return;
    this.handledRead = c.readId;
    try {
      this.open(c.card, 'card');
    } catch (err) {
      this.core.log(`case could not be opened: ${err instanceof Error ? err.message : String(err)}`);
    }
  }

  /**
   * Sign-in, lock and sign-out. A case belongs to the sign-in that opened it: any other (another
   * clerk, an administrator, the same account signing in again) finds the counter empty, and a card
   * still on the reader opens a new case under the new clerk, if their role handles cases. While
   * locked the case is parked: nothing of it reaches the page, and unlocking brings it back.
   */
  onSession(session: SessionInfo | null, serial: number | null): void {
    if (serial !== this.sessionSerial) {
      this.sessionSerial = serial;
      this.handledRead = null;
      if (this.currentId) {
        this.currentId = null;
        this.core.bus.emit('case.changed', null);
      }
    }
    const c = this.d.cardOnReader?.();
    if (c && c.readId !== this.handledRead && mayOpenCases(session)) this.onCard(c);
  }

  /**
   * The citizen took the card back: before a certificate is issued the screen clears (nothing of
   * theirs stays on display); after issuing, the job panel stays until the next card or F8.
   */
  onCardRemoved(): void {
    const id = this.currentId;
    if (!id) return;
    const live = this.live.get(id);
    if (!live || live.source !== 'card' || this.record(id)?.serial) return;
    this.close(id);
  }

  openManual(idNumber: string, name: string, validTo: string, reason: string): CaseView {
    const number = idNumber.toUpperCase();
    if (!isValidIdNumber(number))
      throw new AppError(
        'CASE_ID_INVALID',
        'The ID number check digit is wrong; check the number on the card and type it again.',
        'idNumber',
      );
    const sexCode = idNumberSex(number) ?? '9';
    const card: Card = {
      kind: 'resident',
      name,
      sex: sexByCode(sexCode) ?? { code: sexCode, label: '', labelEn: '' },
      birth: idNumberBirth(number) ?? '',
      number,
      validFrom: '',
      validTo: validTo === '长期' ? 'long-term' : validTo,
      extra: {},
      warnings: [],
    };
    return this.open(card, 'manual', reason);
  }

  /**
   * For a worklist task (services/worklist): the case was opened without the card at the counter,
   * so the card's validity is taken from the verified resident-ID license the registry holds for
   * that person, once the fetch is in. Without one the date stays empty and card-valid is unknown.
   */
  async cardFromRegistry(caseId: string): Promise<void> {
    const live = this.need(caseId);
    await live.fetch;
    const own = live.result?.licenses.find(
      (l) =>
        l.license.certificateType === '111001' &&
        l.verification.state === 'verified' &&
        l.license.certificateHolderCode === live.card.number,
    );
    const validTo = own?.license.surface.validTo;
    if (typeof validTo === 'string' && validTo)
      live.card = { ...live.card, validTo: /^(长期|long[- ]?term)$/i.test(validTo) ? 'long-term' : validTo };
  }

  protected open(card: Card, source: 'card' | 'manual', reason?: string): CaseView {
    const c = this.core.config;
    const openedAt = new Date();
    const { id } = this.core.db.transaction(() => {
      const opened = openCase(this.core.db, this.d.cipher, {
        hallId: c.hall.id,
        counterId: c.counter,
        clerkId: this.core.session?.userId ?? 'unknown',
        source,
        ...(reason ? { manualReason: reason } : {}),
        person: {
          name: card.name,
          idNumber: card.number,
          sex: card.sex.label,
          birth: card.birth,
          ...(card.nation ? { nation: card.nation.label } : {}),
          ...(card.address ? { address: card.address } : {}),
          cardKind: card.kind,
        },
        cardReadAt: openedAt,
      });
      auditCase(this.core, this.d.cipher, { id: opened.id, card }, 'card-read', {
        purpose: reason ?? 'card placed on the reader',
        detail: { source, kind: card.kind },
      });
      return opened;
    })();
    const clerkId = this.core.session?.userId ?? 'unknown';
    const live: LiveCase = {
      id,
      source,
      clerkId,
      holder: clerkId,
      card,
      openedAt,
      fetch: Promise.resolve(),
      eligible: new Set(),
    };
    live.fetch = this.prefetch(live);
    this.live.set(id, live);
    this.currentId = id;
    this.trim();
    return this.publish(id);
  }

  /** Starts at card read, before the item is chosen, so the clerk never waits on the registry. */
  private async prefetch(live: LiveCase): Promise<void> {
    const usage = usageFor(this.core, live.id);
    const licenses = this.core.services.licenses;
    const [result, areas] = await Promise.all([
      licenses
        ? licenses.fetchForHolder(live.card.number, usage, this.wanted).catch((err: unknown): FetchResult => ({
            licenses: [],
            missing: this.wanted,
            online: false,
            errors: [{ code: 'REGISTRY_FAILED', message: err instanceof Error ? err.message : String(err) }],
          }))
        : Promise.resolve<FetchResult>({
            licenses: [],
            missing: this.wanted,
            online: false,
            errors: [
              {
                code: 'REGISTRY_NOT_CONFIGURED',
                message: 'No registry is configured or it did not start, so no licenses can be fetched.',
              },
            ],
          }),
      programAreas(this.core, this.core.services.registry, usage, this.programs).catch(() => undefined),
    ]);
    live.result = result;
    if (areas) live.areas = areas;
    await this.followUps(live, usage);
    try {
      auditFetch(this.core, this.d.cipher, live, result, usage.reason);
    } catch (err) {
      this.core.log(`audit of the registry fetch failed: ${err instanceof Error ? err.message : String(err)}`);
    }
    const photo = photoOf(live, this.facts(live, null));
    if (photo) live.photo = `data:image/png;base64,${photo.toString('base64')}`;
    for (const item of this.d.catalog.items) {
      try {
        if (evaluate(item, this.facts(live, item)).eligible) live.eligible.add(item.code);
      } catch {
        // ranking only: an item that cannot be evaluated is simply not marked eligible
      }
    }
    if (this.live.has(live.id)) this.publish(live.id);
  }

  /**
   * A house owned by another household member is found only by searching under that member, so
   * the items that accept household property ask for those searches after the first answer.
   */
  private async followUps(live: LiveCase, usage: ReturnType<typeof usageFor>): Promise<void> {
    const licenses = this.core.services.licenses;
    const r = live.result;
    if (!licenses || !r) return;
    const wanted = new Map<string, Set<string>>();
    for (const item of this.d.catalog.items) {
      for (const f of followUpFetches(item, this.facts(live, item))) {
        const set = wanted.get(f.idNumber) ?? new Set<string>();
        f.typeCodes.forEach((t) => set.add(t));
        wanted.set(f.idNumber, set);
      }
    }
    const reason = `${usage.reason}（核验户内成员名下房屋）`;
    const more = await Promise.all(
      [...wanted].map(([id, types]) =>
        licenses.fetchForHolder(id, { ...usage, reason }, [...types]).catch(() => undefined),
      ),
    );
    const seen = new Set(r.licenses.map((l) => l.license.identifier));
    for (const m of more) {
      for (const l of m?.licenses ?? []) {
        if (!seen.has(l.license.identifier)) {
          seen.add(l.license.identifier);
          r.licenses.push(l);
        }
      }
    }
    // A type found through a member is no longer missing for the applicant's household.
    const found = new Set(r.licenses.map((l) => l.license.certificateType));
    r.missing = r.missing.filter((t) => !found.has(t));
    r.errors = r.errors.filter((e) => !e.typeCode || !found.has(e.typeCode));
  }

  /** The rule inputs for a case; without an item there is no season index to consult. */
  protected facts(live: LiveCase, item: CatalogItem | null): RuleFacts {
    const r = live.result;
    return {
      card: {
        name: live.card.name,
        idNumber: live.card.number,
        birth: live.card.birth,
        validTo: live.card.validTo === 'long-term' ? '长期' : live.card.validTo,
        kind: live.card.kind,
      },
      licenses: r?.licenses ?? [],
      // FetchResult.missing also lists types the registry answered without; for the rules only an
      // undelivered type with an error is "could not check", the rest is "has none" (failed).
      missing: r ? r.missing.filter((t) => r.errors.some((e) => e.typeCode === t || e.typeCode === undefined)) : [],
      errors: r?.errors ?? [],
      ...(live.areas
        ? { programAreas: Object.fromEntries(Object.entries(live.areas).map(([p, a]) => [p, a.areas])) }
        : {}),
      now: new Date(),
      issuedForAddress: item ? issuedLookup(this.core.db, this.d.cipher, item.code, live.id) : () => [],
    };
  }

  protected need(caseId: string): LiveCase {
    const live = this.live.get(caseId);
    if (!live)
      throw new AppError('CASE_NOT_FOUND', 'This case is no longer open at this counter; read the card again.');
    return live;
  }

  protected record(caseId: string): CaseRecord | undefined {
    try {
      return getCase(this.core.db, this.d.cipher, caseId);
    } catch {
      return undefined;
    }
  }

  view(caseId: string): CaseView {
    const live = this.need(caseId);
    const item = live.itemCode ? this.d.catalog.byCode.get(live.itemCode) : undefined;
    return caseView(live, this.record(caseId), item, this.wanted);
  }

  /**
   * The one way a case view goes out as an event: only to the person it is shown to, so a fetch
   * that settles after sign-out never reaches the next session. Returns the view for the caller.
   */
  protected publish(caseId: string): CaseView {
    const view = this.view(caseId);
    if (this.shownTo(this.need(caseId))) this.core.bus.emit('case.changed', view);
    return view;
  }

  /** The signed-in person handles cases and holds this one (opened it, or acted on it last). */
  private shownTo(live: LiveCase): boolean {
    const s = this.core.session;
    return mayHandleCases(s) && live.holder === s?.userId;
  }

  /** case.get: the holder, the clerk who opened it, or a supervisor; no one else sees a case by its id. */
  viewFor(caseId: string): CaseView {
    const live = this.need(caseId);
    const s = this.core.session;
    const mine = !!s && (live.holder === s.userId || live.clerkId === s.userId || s.roles.includes('supervisor'));
    if (!mayHandleCases(s) || !mine)
      throw new AppError(
        'CASE_NOT_YOURS',
        'This case was opened by another clerk; open your own case for this citizen, or ask a supervisor.',
      );
    return this.view(caseId);
  }

  isCurrent(caseId: string): boolean {
    return this.currentId === caseId;
  }

  current(): CaseView | null {
    const live = this.currentId ? this.live.get(this.currentId) : undefined;
    return live && this.shownTo(live) ? this.view(live.id) : null;
  }

  close(caseId: string): void {
    if (this.currentId === caseId) {
      this.currentId = null;
      // F8 with the card still on the reader: that read is done with, not a new citizen.
      this.handledRead = this.d.cardOnReader?.()?.readId ?? this.handledRead;
    }
    this.core.bus.emit('case.changed', null);
  }

  search(query: string, caseId?: string): ItemView[] {
    const live = caseId ? this.live.get(caseId) : undefined;
    const usage = recentItemCounts(this.core.db, this.core.config.counter, new Date(Date.now() - 30 * DAY));
    return searchItems(this.d.catalog, query, { eligible: live?.eligible ?? [], usage }).map((h) =>
      itemView(
        h.item,
        h.match === 'initials' || h.match === 'initials-prefix'
          ? 'initials'
          : h.eligible
            ? 'eligible'
            : h.uses > 0
              ? 'frequent'
              : undefined,
      ),
    );
  }

  async chooseItem(caseId: string, itemCode: string): Promise<CaseView> {
    const live = this.need(caseId);
    const item = getItem(this.d.catalog, itemCode);
    await live.fetch;
    const rec = this.record(caseId);
    if (rec && rec.state !== 'open')
      throw new AppError(
        'CASE_ALREADY_ISSUED',
        'A certificate was already issued in this case; start a new case for another item.',
      );
    // An approval is for one item's checks; it must never carry over to another certificate.
    if (live.override)
      throw new AppError(
        'CASE_OVERRIDDEN',
        'A supervisor approved this case for its item; for another item, start a new case (F8, then read the card again).',
      );
    dbChooseItem(this.core.db, caseId, item.code);
    const evaluation = evaluate(item, this.facts(live, item));
    recordChecks(this.core.db, this.d.cipher, caseId, {
      licensesUsed: licensesUsedFrom(live.result?.licenses ?? []),
      checks: evaluation.checks,
      ...(evaluation.seasonIndex ? { seasonIndex: evaluation.seasonIndex } : {}),
    });
    live.itemCode = item.code;
    live.evaluation = evaluation;
    live.form = formFor(this.applicationDeps(), live, item, this.facts(live, item));
    return this.publish(caseId);
  }

  protected applicationDeps(): ApplicationDeps {
    return {
      core: this.core,
      cipher: this.d.cipher,
      ...(this.d.pool ? { pool: this.d.pool } : {}),
      hall: this.d.hallDefaults ?? {},
      itemName: (code) => this.d.catalog.byCode.get(code)?.names.zh ?? code,
    };
  }

  /** Keeps the last few cases in memory; older ones live on in the database only. */
  private trim(): void {
    while (this.live.size > 20) {
      const oldest = this.live.keys().next().value as string;
      this.live.delete(oldest);
    }
  }
}
