import type { Core } from '../core/core';
import { RatingPrompt } from './prompt';
import { citizenView, type CounterInfo } from './view';
import type { CitizenView } from './types';
import type { CaseView } from '../../api/types';
import { AppError } from '../errors';
import type { Signature } from '../../../native/signature-pad/types';

/** How long the citizen sees "thank you" (or "not rated") after the rating prompt ends. */
export const THANKS_MS = 5000;

const APPLICANT = { zh: '申请人', en: 'Applicant' };

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
  /** The pending document the HID pad is capturing for, so it is cleared once per document. */
  private padHash: string | null = null;
  private ended: { what: 'rated' | 'not-rated'; timer: NodeJS.Timeout } | null = null;
  private readonly off: (() => void)[] = [];
  readonly prompt: RatingPrompt;

  constructor(
    private readonly core: Core,
    ratingTimeoutMs?: number,
  ) {
    this.prompt = new RatingPrompt(
      core,
      (r, ended) => {
        this.rating = r;
        this.showEnded(ended);
        this.push();
      },
      ratingTimeoutMs,
    );
    this.off.push(
      core.bus.onAny((name) => {
        if (name === 'case.changed') this.askApplicationSignature();
        if (name === 'case.changed' || name === 'session.changed') this.push();
      }),
    );
    const signing = core.services.signing;
    if (signing) this.off.push(signing.onChange(() => this.push()));
  }

  /**
   * citizen.sign: the strokes drawn for the document shown now (`hash`, from the view). The case
   * is the clerk's current one; the citizen names none.
   */
  async sign(hash: string, drawn: Signature | undefined): Promise<{ signed: true }> {
    const current = this.core.services.desk?.current() ?? null;
    const req = current ? this.core.services.signing?.next(current.caseId) : null;
    if (!req) throw new AppError('SIGNATURE_NOT_PENDING', 'This document is not waiting for a signature.');
    if (req.documentHash !== hash)
      throw new AppError('SIGNATURE_OTHER_DOCUMENT', 'This signature was given for another document.');
    const pad = this.core.services.signaturePad;
    let signature = drawn;
    if (!signature && pad?.kind === 'hid') {
      signature = (await pad.finish()) ?? undefined;
      // Whatever happened, the pad is ready for the next try.
      this.padHash = null;
      if (!signature) {
        this.push();
        throw new AppError('SIGPAD_EMPTY', 'Nothing was drawn on the signature pad.');
      }
    }
    if (!signature) throw new AppError('SIGNATURE_INVALID', 'No strokes.', { params: { why: 'empty' } });
    this.core.services.signing!.sign(req.id, hash, signature);
    return { signed: true };
  }

  view(): CitizenView {
    const c = this.core;
    const counter: CounterInfo = { hall: c.config.hall.name, window: c.config.counter, clerk: clerkOf(c) };
    const current = c.services.desk?.current() ?? null;
    return citizenView(++this.rev, counter, c.session, current, this.rating, this.signView(current), this.ended?.what);
  }

  /** The thanks (or "not rated") screen stays THANKS_MS, then the screen follows the counter again. */
  private showEnded(what: 'rated' | 'not-rated' | undefined): void {
    if (this.ended) clearTimeout(this.ended.timer);
    this.ended = null;
    if (!what) return;
    const timer = setTimeout(() => {
      this.ended = null;
      this.push();
    }, THANKS_MS);
    timer.unref();
    this.ended = { what, timer };
  }

  /** A submitted application asks its applicant to sign it (once per version of its data). */
  private askApplicationSignature(): void {
    const { desk, signing } = this.core.services;
    const current = desk?.current();
    if (!desk || !signing || !current?.application || !current.item) return;
    try {
      const doc = desk.applicationForSigning(current.caseId);
      signing.request({
        caseId: current.caseId,
        document: 'application',
        signer: 'applicant',
        signerLabel: APPLICANT,
        title: { zh: `${current.item.names.zh}申请表`, en: `Application: ${current.item.names.en}` },
        data: { template: doc.template.id, version: doc.template.version, data: doc.data },
      });
    } catch (e) {
      this.core.log(`signature request: ${e instanceof Error ? e.message : String(e)}`);
    }
  }

  private signView(current: CaseView | null): CitizenView['sign'] {
    const signing = this.core.services.signing;
    if (!signing || !current) return undefined;
    const live = signing.list(current.caseId).filter((r) => r.state !== 'withdrawn');
    const r = signing.next(current.caseId) ?? live[live.length - 1];
    if (!r || r.state === 'withdrawn') return undefined;
    let rows: { label: { zh: string; en: string }; value: string }[] = [];
    if (r.document === 'application')
      try {
        rows = this.core.services.desk!.applicationForSigning(current.caseId).data.rows;
      } catch {
        rows = [];
      }
    // The household check's authorisation (one request per adult member or guardian): its summary.
    else rows = this.core.services.meanstest?.signRows(r) ?? [];
    const pad = this.core.services.signaturePad?.kind === 'hid' ? 'hid' : 'touch';
    return { hash: r.documentHash, title: r.title, signer: r.signerLabel, rows, state: r.state, pad };
  }

  stop(): void {
    this.prompt.cancel();
    this.showEnded(undefined);
    for (const f of this.off.splice(0)) f();
  }

  private push(): void {
    const v = this.view();
    this.core.bus.emit('citizen.changed', v);
    const pad = this.core.services.signaturePad;
    // A HID pad starts a fresh capture (cleared, ink on) when a new document waits for a signature.
    if (pad?.kind === 'hid' && v.sign?.state === 'pending' && v.sign.hash !== this.padHash) {
      this.padHash = v.sign.hash;
      pad.begin().catch((e: unknown) => this.core.log(`signature pad: ${e instanceof Error ? e.message : String(e)}`));
    }
  }
}
