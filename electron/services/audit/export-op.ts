import type { AuditExport } from '../../api/auth-types';
import type { Core } from '../core/core';
import { appendAudit } from './append';
import { signHead } from './checkpoint';
import { AuditError } from './errors';
import { rowsToExport, signedJson, toCsv } from './export';
import { auditRange, localDayStart } from './query';
import { startAudit } from './service';

const MAX_DAYS = 366;

function nextDay(day: string): string {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  const t = new Date(y, m - 1, d + 1);
  return `${t.getFullYear()}-${String(t.getMonth() + 1).padStart(2, '0')}-${String(t.getDate()).padStart(2, '0')}`;
}

function validDay(day: string): boolean {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  const t = new Date(y, m - 1, d);
  return t.getFullYear() === y && t.getMonth() === m - 1 && t.getDate() === d;
}

/** Entries from `from` to `to` (local days, inclusive) as CSV or signed JSON; the export is itself audited. */
export function auditExport(core: Core, i: { from: string; to: string; format: 'csv' | 'json' }): AuditExport {
  if (!validDay(i.from) || !validDay(i.to) || i.from > i.to) {
    throw new AuditError('AUDIT_RANGE_INVALID', 'Choose a valid date range with the start on or before the end.');
  }
  const fromIso = localDayStart(i.from);
  const toIso = localDayStart(nextDay(i.to));
  if (Date.parse(toIso) - Date.parse(fromIso) > MAX_DAYS * 86_400_000) {
    throw new AuditError('AUDIT_RANGE_INVALID', `Export at most ${MAX_DAYS} days at a time; split the range.`, {
      maxDays: MAX_DAYS,
    });
  }
  const signer = startAudit(core);
  const actor = core.session?.userId ?? null;
  const entries = rowsToExport(auditRange(core.db, fromIso, toIso));
  // Logged before the file is handed out, and the head signed, so the export is covered by a checkpoint.
  appendAudit(core.db, {
    action: 'export',
    actor,
    detail: { from: i.from, to: i.to, format: i.format, entries: entries.length },
  });
  signHead(core.db, signer);
  const base = `audit-${core.config.hall.id}-${core.config.counter}-${i.from}-${i.to}`;
  if (i.format === 'csv')
    return { format: 'csv', filename: `${base}.csv`, content: toCsv(entries), entries: entries.length };
  const doc = signedJson(signer, {
    terminal: { hall: core.config.hall.id, counter: core.config.counter },
    range: { from: i.from, to: i.to },
    exportedAt: new Date().toISOString(),
    entries,
  });
  return { format: 'json', filename: `${base}.json`, content: JSON.stringify(doc, null, 1), entries: entries.length };
}
