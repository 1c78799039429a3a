/**
 * One use per batch line's person, whichever endpoint answered: the batch endpoint's holders
 * (`keys`) and the per-person search and gets (header X-Row-Key) share this set, keyed by app,
 * case number and row key. A batch call whose answer was lost makes the terminal ask the same
 * people one by one; a line checked one by one before a crash may go through the batch endpoint
 * after it. Either way the person's data was used once for that line, and is recorded once.
 *
 * A key is bound to the person it was first used for: a later call under it is part of that use
 * only when it is about that person (the same holder, or a license that concerns them). A call
 * about anyone else is recorded as a use of its own, so a key can never hide another person's use.
 */
export class RowUses {
  private readonly bound = new Map<string, string>();

  /** Bounded like the usage log: a key forgotten after a million makes a second record, never none. */
  constructor(private readonly capacity = 1_000_000) {}

  /**
   * True when this call is a new use to record (the key is then bound to `holder`); false when the
   * key is bound already and `concerns(boundHolder)` says the call is about that person.
   */
  claim(
    appKey: string,
    caseNumber: string,
    key: string,
    holder: string,
    concerns: (bound: string) => boolean = (b) => b === holder,
  ): boolean {
    const id = JSON.stringify([appKey, caseNumber, key]);
    const had = this.bound.get(id);
    if (had !== undefined) return !concerns(had);
    if (this.bound.size >= this.capacity) this.bound.delete(this.bound.keys().next().value!);
    this.bound.set(id, holder);
    return true;
  }
}
