import type { SessionInfo } from '../../api/types';
import { mayOpenCases } from '../accounts/roles';
import type { CurrentCard } from '../reader/service';
import type { FlowContext } from './context';
import { openFor } from './intake';

/**
 * The counter's side of sign-in and the card reader. A case belongs to the sign-in that opened
 * it: any other (another clerk, an administrator, the same account signing in again) finds the
 * counter empty, and a card still on the reader opens a new case under the new clerk, if their
 * role handles cases. While locked the case is parked: nothing of it reaches the page.
 */
export class CounterSession {
  /** The sign-in the open case belongs to; another one parks it. */
  private serial: number | null = null;
  /** The card read this session already acted on (opened, or closed with F8), so it is not opened twice. */
  private handledRead: string | null = null;

  constructor(private readonly ctx: FlowContext) {}

  /**
   * A card read opens a case only for a signed-in, unlocked session whose role handles cases
   * (clerk, station) and whose password is its own: no one else causes a registry fetch.
   */
  onCard(c: CurrentCard): void {
    if (!mayOpenCases(this.ctx.core.session)) return;
    this.handledRead = c.readId;
    try {
      openFor(this.ctx, c.card, 'card');
    } catch (err) {
      this.ctx.log('case could not be opened', err);
    }
  }

  onSession(session: SessionInfo | null, serial: number | null): void {
    const { book, core } = this.ctx;
    if (serial !== this.serial) {
      this.serial = serial;
      this.handledRead = null;
      if (book.currentId) {
        book.currentId = null;
        core.bus.emit('case.changed', null);
      }
    }
    const c = this.ctx.d.cardOnReader?.();
    if (c && c.readId !== this.handledRead && mayOpenCases(session)) this.onCard(c);
  }

  /**
   * The citizen took the card back: before a certificate is issued the screen clears (nothing of
   * theirs stays on display); after issuing, the job panel stays until the next card or F8.
   */
  onCardRemoved(): void {
    const live = this.ctx.book.peek(this.ctx.book.currentId);
    if (!live || live.source !== 'card' || this.ctx.book.record(live.id)?.serial) return;
    this.close(live.id);
  }

  close(caseId: string): void {
    const { book, core } = this.ctx;
    if (book.currentId === caseId) {
      book.currentId = null;
      // F8 with the card still on the reader: that read is done with, not a new citizen.
      this.handledRead = this.ctx.d.cardOnReader?.()?.readId ?? this.handledRead;
    }
    core.bus.emit('case.changed', null);
  }
}
