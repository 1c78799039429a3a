import type { HallCaseEvent } from '../../../protocol/hall-wire';
import type { Db } from '../db/open';
import type { OutboxMessageInput } from '../outbox/types';
import { eventFor, followUpOf, hallRating } from './actions';
import { hallAuditHead, hallCaseEvent } from './events';

interface AuditRow {
  seq: number;
  at: string;
  action: string;
  item_code: string | null;
  case_id: string | null;
  detail: string | null;
  hash: string;
}
interface CaseRow {
  clerk_id: string;
  counter_id: string;
  item_code: string | null;
  card_read_at: string;
  item_chosen_at: string | null;
}

export interface TailOptions {
  receiver: string;
  /** The window number when a case row has none (config.counter). */
  window: string;
  enqueue: (db: Db, m: OutboxMessageInput) => unknown;
  /** At most this many audit rows per transaction: a day's catch-up goes in a few short ones. */
  batch?: number;
  /** Look for newly final submissions too (a scan of the submissions; the service does it every few seconds). */
  decisions?: boolean;
}

/** The audit seq the tailer has reached, and the log's last: a cheap look before taking the write lock. */
export function tailBehind(db: Db): boolean {
  const r = db
    .prepare('SELECT (SELECT MAX(seq) FROM audit_log) AS head, (SELECT audit_seq FROM hall_tail WHERE id = 1) AS cur')
    .get() as { head: number | null; cur: number | null };
  return (r.head ?? 0) > (r.cur ?? 0);
}

/**
 * One step of the audit tailer, in ONE SQLite transaction: read the audit rows after the cursor,
 * enqueue the hall events they mean (and the decisions of submissions now final), enqueue the
 * chain head, move the cursor. A crash before the commit leaves all of it undone and the next
 * step does it again; after, it is done once. Exactly-once without touching the flow.
 * Returns how many messages were enqueued.
 */
export function tailOnce(db: Db, o: TailOptions): number {
  return db
    .transaction(() => {
      const cursor = (
        db.prepare('SELECT audit_seq FROM hall_tail WHERE id = 1').get() as { audit_seq: number } | undefined
      )?.audit_seq;
      const from = cursor ?? 0;
      const rows = db
        .prepare(
          'SELECT seq, at, action, item_code, case_id, detail, hash FROM audit_log WHERE seq > ? ORDER BY seq LIMIT ?',
        )
        .all(from, o.batch ?? 2000) as AuditRow[];
      let sent = 0;
      const put = (ev: HallCaseEvent) => {
        o.enqueue(db, hallCaseEvent(ev, o.receiver));
        sent += 1;
      };
      const caseOf = db.prepare(
        'SELECT clerk_id, counter_id, item_code, card_read_at, item_chosen_at FROM cases WHERE id = ?',
      );
      const opened = db.prepare('SELECT 1 FROM hall_case_opened WHERE case_id = ?');
      const markOpened = db.prepare('INSERT INTO hall_case_opened(case_id) VALUES (?)');
      const levelOf = db.prepare('SELECT level, deadline FROM ratings WHERE case_id = ?');
      for (const r of rows) {
        const type = r.case_id ? eventFor(r.action, r.detail) : null;
        if (!type || !r.case_id) continue;
        const c = caseOf.get(r.case_id) as CaseRow | undefined;
        const itemCode = r.item_code ?? c?.item_code;
        // Not a counter case (a batch run, a test row) or no item yet: nothing the hall counts.
        if (!c || !itemCode) continue;
        const base = { caseId: r.case_id, clerkId: c.clerk_id, window: c.counter_id || o.window, itemCode };
        const at = Date.parse(r.at);
        if (!opened.get(r.case_id)) {
          markOpened.run(r.case_id);
          put({ ...base, type: 'opened', at: Date.parse(c.card_read_at) });
          put({ ...base, type: 'checked', at: c.item_chosen_at ? Date.parse(c.item_chosen_at) : at });
        }
        if (type === 'rated') {
          const rated = levelOf.get(r.case_id) as { level: number | null; deadline: string | null } | undefined;
          if (rated?.level == null) continue;
          // A bad rating's deadline (working days, this terminal's calendar) goes with it.
          put({
            ...base,
            type,
            at,
            rating: hallRating(rated.level),
            ...(rated.deadline ? { deadline: rated.deadline } : {}),
          });
        } else if (type === 'followed-up') {
          const followUp = followUpOf(r.detail);
          if (followUp) put({ ...base, type, at, followUp });
        } else put({ ...base, type, at });
      }
      if (o.decisions !== false) tailDecisions(db, o, put);
      const last = rows[rows.length - 1];
      if (last) {
        o.enqueue(db, hallAuditHead({ at: Date.parse(last.at), head: last.hash, count: last.seq }, o.receiver));
        sent += 1;
        db.prepare(
          'INSERT INTO hall_tail(id, audit_seq) VALUES (1, ?) ON CONFLICT(id) DO UPDATE SET audit_seq = excluded.audit_seq',
        ).run(last.seq);
      }
      return sent;
    })
    .immediate();
}

/**
 * A department's decision is not an audit entry: it arrives on the submission's outbox row. A
 * case the hall knows as opened is decided once every submission of it is final; approved when
 * all were approved.
 */
function tailDecisions(db: Db, o: TailOptions, put: (ev: HallCaseEvent) => void): void {
  const ready = db
    .prepare(
      `SELECT o.case_id AS caseId, MAX(o.remote_at) AS at,
              SUM(CASE WHEN o.remote_state = 'approved' THEN 0 ELSE 1 END) AS notApproved
         FROM outbox o JOIN hall_case_opened h ON h.case_id = o.case_id
        WHERE o.kind = 'submission'
          AND NOT EXISTS (SELECT 1 FROM hall_case_decided d WHERE d.case_id = o.case_id)
        GROUP BY o.case_id
       HAVING SUM(CASE WHEN o.final = 1 AND o.remote_state IN ('approved', 'rejected') THEN 0 ELSE 1 END) = 0`,
    )
    .all() as { caseId: string; at: string | null; notApproved: number }[];
  const caseOf = db.prepare('SELECT clerk_id, counter_id, item_code FROM cases WHERE id = ?');
  for (const d of ready) {
    const c = caseOf.get(d.caseId) as Pick<CaseRow, 'clerk_id' | 'counter_id' | 'item_code'> | undefined;
    db.prepare('INSERT INTO hall_case_decided(case_id) VALUES (?)').run(d.caseId);
    if (!c?.item_code) continue;
    put({
      type: 'decided',
      caseId: d.caseId,
      clerkId: c.clerk_id,
      window: c.counter_id || o.window,
      itemCode: c.item_code,
      at: d.at ? Date.parse(d.at) : Date.now(),
      decision: d.notApproved === 0 ? 'approved' : 'rejected',
    });
  }
}
