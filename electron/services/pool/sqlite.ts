import { appendAudit, requireOpenCase } from '../audit';
import type { Core } from '../core/core';
import type { RecordCipher } from '../crypto';
import type { DataPool, PooledValue, PoolWrite } from './types';

const DAY = 86_400_000;
const aad = (subject: string, key: string) => `pool/v1|${subject}|${key}`;

interface Row {
  key: string;
  value: Buffer;
  item_code: string;
  case_id: string;
  confirmed_at: string;
}

/** The pool on this terminal: table data_pool (migration 008), values sealed with the record cipher. */
export function sqlitePool(core: Core, cipher: RecordCipher): DataPool {
  return {
    read(caseId, keys) {
      const ref = requireOpenCase(core, caseId);
      const out = new Map<string, PooledValue>();
      if (!keys.length) return out;
      const now = new Date().toISOString();
      const rows = core.db
        .prepare(
          `SELECT key, value, item_code, case_id, confirmed_at FROM data_pool
           WHERE subject = ? AND expires_at > ? AND key IN (${keys.map(() => '?').join(',')})`,
        )
        .all(ref.subject, now, ...keys) as Row[];
      for (const r of rows) {
        out.set(r.key, {
          value: cipher.open(r.value, aad(ref.subject, r.key)).toString('utf8'),
          itemCode: r.item_code,
          caseId: r.case_id,
          confirmedAt: r.confirmed_at,
        });
      }
      // Every read is audited, also one that found nothing: who looked for this person's data, when, why.
      appendAudit(core.db, {
        action: 'pool-read',
        actor: core.session?.userId ?? null,
        subject: ref.subject,
        itemCode: ref.itemCode,
        caseId,
        purpose: `prefill ${ref.itemCode}`,
        detail: { asked: keys.length, found: [...out.keys()] },
      });
      return out;
    },
    write(w: PoolWrite) {
      const at = w.now ?? new Date();
      const expires = new Date(at.getTime() + w.retentionDays * DAY).toISOString();
      const put = core.db.prepare(
        `INSERT INTO data_pool(subject, key, value, item_code, case_id, confirmed_by, confirmed_at, expires_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?)
         ON CONFLICT(subject, key) DO UPDATE SET value = excluded.value, item_code = excluded.item_code,
           case_id = excluded.case_id, confirmed_by = excluded.confirmed_by,
           confirmed_at = excluded.confirmed_at, expires_at = excluded.expires_at`,
      );
      core.db.transaction(() => {
        for (const [key, value] of Object.entries(w.values)) {
          if (value === '') continue;
          put.run(
            w.subject,
            key,
            cipher.seal(value, aad(w.subject, key)),
            w.itemCode,
            w.caseId,
            w.clerkId,
            at.toISOString(),
            expires,
          );
        }
        appendAudit(core.db, {
          action: 'pool-write',
          actor: w.clerkId,
          subject: w.subject,
          itemCode: w.itemCode,
          caseId: w.caseId,
          purpose: `confirmed in ${w.itemCode}`,
          detail: { keys: Object.keys(w.values).filter((k) => w.values[k] !== '') },
        });
      })();
    },
  };
}

/** Deletes values past their retention; run at start-up and daily with the other retention sweeps. */
export function purgeExpiredPool(core: Pick<Core, 'db'>, now = new Date()): number {
  return core.db.prepare('DELETE FROM data_pool WHERE expires_at <= ?').run(now.toISOString()).changes;
}
