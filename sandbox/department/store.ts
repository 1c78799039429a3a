import { createHash, randomBytes } from 'node:crypto';
import type { RemoteState, SubmissionAnswer } from '../../protocol/department-wire';
import { decide, type Decision, type DepartmentRules, type DecisionInput } from './rules';

interface Stored {
  submissionId: string;
  receiptId: string;
  bodyHash: string;
  itemCode: string;
  receivedAt: number;
  decision: Decision & { rule: string };
  /** Every POST that carried this id, the first included: > 1 means the idempotency key absorbed a redelivery. */
  posts: number;
  polls: number;
}

export interface ReceivedSummary {
  submissionId: string;
  itemCode: string;
  posts: number;
  polls: number;
  rule: string;
  status: RemoteState;
}

/** What the department holds: one record per submission id, however often it was sent. */
export class DepartmentStore {
  private readonly byId = new Map<string, Stored>();
  readonly totals = { posts: 0, created: 0, duplicates: 0, conflicts: 0, polls: 0, refused: 0 };

  constructor(private rules: DepartmentRules) {}

  setRules(rules: DepartmentRules): void {
    this.rules = rules;
  }

  /** 'created' the first time, 'duplicate' for the same body again, 'conflict' for the same id with another body. */
  receive(
    id: string,
    body: Buffer,
    input: DecisionInput,
    now: number,
  ): { outcome: 'created' | 'duplicate' | 'conflict'; answer?: SubmissionAnswer } {
    this.totals.posts++;
    const bodyHash = createHash('sha256').update(body).digest('hex');
    const old = this.byId.get(id);
    if (old) {
      old.posts++;
      if (old.bodyHash !== bodyHash) {
        this.totals.conflicts++;
        return { outcome: 'conflict' };
      }
      this.totals.duplicates++;
      return { outcome: 'duplicate', answer: this.answer(old, now) };
    }
    const s: Stored = {
      submissionId: id,
      receiptId: `DEPT-${randomBytes(6).toString('hex').toUpperCase()}`,
      bodyHash,
      itemCode: input.itemCode,
      receivedAt: now,
      // Decided at receipt from the rules then in force, revealed after its delay: a rules change
      // never flips a submission already received.
      decision: decide(this.rules, input),
      posts: 1,
      polls: 0,
    };
    this.byId.set(id, s);
    this.totals.created++;
    return { outcome: 'created', answer: this.answer(s, now) };
  }

  status(id: string, now: number): SubmissionAnswer | undefined {
    const s = this.byId.get(id);
    if (!s) return undefined;
    s.polls++;
    this.totals.polls++;
    return this.answer(s, now);
  }

  private answer(s: Stored, now: number): SubmissionAnswer {
    const at = s.receivedAt + s.decision.afterMs;
    const base = {
      submissionId: s.submissionId,
      receiptId: s.receiptId,
      receivedAt: new Date(s.receivedAt).toISOString(),
    };
    if (now < at) return { ...base, status: 'accepted' };
    return { ...base, status: s.decision.decision, reason: s.decision.reason, decidedAt: new Date(at).toISOString() };
  }

  received(now: number): ReceivedSummary[] {
    return [...this.byId.values()].map((s) => ({
      submissionId: s.submissionId,
      itemCode: s.itemCode,
      posts: s.posts,
      polls: s.polls,
      rule: s.decision.rule,
      status: this.answer(s, now).status,
    }));
  }
}
