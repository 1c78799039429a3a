import type { Role } from '../../api/types';
import { badRatings } from '../citizen/supervisor';
import type { Core } from '../core/core';
import { AppError } from '../errors';
import { HallCallError } from './client';
import { tableToXlsx } from './export';
import { scopeStats, type HallStatsAsk } from './scope';
import type { HallService } from './service';
import type { HallExportFile, HallPoolReadRow, HallStatsView, LocalBadRatings } from './types';

type User = { userId: string; roles: readonly Role[] };

/** The hall's refusals and silences in the terminal's words. */
function hallError(e: unknown): never {
  if (e instanceof HallCallError) {
    if (e.status === 401)
      throw new AppError('HALL_REFUSED', 'The hall refused this terminal.', {
        params: { reason: String(e.params.reason ?? e.code) },
      });
    throw new AppError('HALL_UNREACHABLE', 'The hall server did not answer.');
  }
  throw e;
}

function clientOf(hall: HallService) {
  const c = hall.client();
  if (!c) throw new AppError('HALL_NOT_PAIRED', 'This terminal is not paired with a hall.');
  return c;
}

/** One statistics table, scoped: a supervisor sees the hall as asked, anyone else their own today. */
export async function hallStats(hall: HallService, user: User, ask: HallStatsAsk): Promise<HallStatsView> {
  const q = scopeStats(user, ask);
  const rows = await clientOf(hall).stats(q).catch(hallError);
  return {
    scope: { from: q.from, to: q.to, ...(q.clerk ? { clerk: q.clerk } : {}), hallWide: !q.clerk },
    by: q.by,
    rows: rows.rows as HallStatsView['rows'],
  };
}

const COLUMNS: Record<'zh-CN' | 'en', Record<string, string>> = {
  'zh-CN': {
    key: '分组',
    accepted: '受理',
    completed: '办结',
    completionRate: '办结率',
    voided: '作废',
    pending: '待审批',
    approved: '已批准',
    rejected: '不予批准',
    ratedBad: '差评',
    ratedGood: '好评',
    itemCode: '事项',
    cases: '件数',
    medianMs: '办理时长中位数（秒）',
    p90Ms: '办理时长 P90（秒）',
  },
  en: {
    key: 'Group',
    accepted: 'Accepted',
    completed: 'Completed',
    completionRate: 'Completion rate',
    voided: 'Voided',
    pending: 'Pending',
    approved: 'Approved',
    rejected: 'Rejected',
    ratedBad: 'Bad ratings',
    ratedGood: 'Good ratings',
    itemCode: 'Item',
    cases: 'Cases',
    medianMs: 'Median handling (s)',
    p90Ms: 'P90 handling (s)',
  },
};

/** Any of the screen's tables as XLSX, with the same scope as on screen. */
export async function hallExport(
  hall: HallService,
  user: User,
  ask: HallStatsAsk & { lang: 'zh-CN' | 'en' },
): Promise<HallExportFile> {
  const v = await hallStats(hall, user, ask);
  const rows = (v.rows as unknown as Record<string, unknown>[]).map((r) => {
    const out: Record<string, unknown> = { ...r };
    if (typeof r.completionRate === 'number') out.completionRate = Math.round(r.completionRate * 1000) / 10 + '%';
    if (typeof r.medianMs === 'number') out.medianMs = Math.round(r.medianMs / 100) / 10;
    if (typeof r.p90Ms === 'number') out.p90Ms = Math.round(r.p90Ms / 100) / 10;
    return out;
  });
  const keys = rows[0]
    ? Object.keys(rows[0])
    : v.by === 'handling'
      ? ['itemCode', 'cases', 'medianMs', 'p90Ms']
      : ['key'];
  const names = COLUMNS[ask.lang];
  const xlsx = await tableToXlsx(
    `${v.by} ${v.scope.from}`,
    keys.map((k) => ({ key: k, header: names[k] ?? k })),
    rows,
  );
  const who = v.scope.clerk ? `-${v.scope.clerk}` : '';
  return { fileName: `hall-${v.by}-${v.scope.from}_${v.scope.to}${who}.xlsx`, base64: xlsx.toString('base64') };
}

/** Bad ratings open and overdue, from this terminal's follow-ups; a clerk's own only. */
export function localBadRatings(core: Core, user: User): LocalBadRatings {
  const all = badRatings(core).ratings.filter((r) => !r.closed);
  const own = new Set(
    (core.db.prepare('SELECT case_id FROM ratings WHERE clerk_id = ?').all(user.userId) as { case_id: string }[]).map(
      (r) => r.case_id,
    ),
  );
  const mine = user.roles.includes('supervisor') ? all : all.filter((r) => own.has(r.caseId));
  return { open: mine.length, overdue: mine.filter((r) => r.overdue).length, source: 'terminal' };
}

/**
 * Bad ratings open and overdue across the hall (every terminal sends its ratings and follow-ups
 * as events); a clerk's own at the hall. Unpaired or unreachable: this terminal's own, said so.
 */
export async function hallBadRatings(core: Core, hall: HallService | undefined, user: User): Promise<LocalBadRatings> {
  const c = hall?.client();
  if (!c) return localBadRatings(core, user);
  try {
    const r = await c.badRatings(user.roles.includes('supervisor') ? {} : { clerk: user.userId });
    return { open: r.open, overdue: r.overdue, source: 'hall' };
  } catch {
    return localBadRatings(core, user);
  }
}

/** Who read whose pool data at the hall (supervisor); persons by shortened hash only. */
export async function hallPoolReads(hall: HallService, days: number): Promise<HallPoolReadRow[]> {
  const r = await clientOf(hall)
    .poolReads(Date.now() - days * 86_400_000)
    .catch(hallError);
  return (r.rows as Record<string, unknown>[]).map((x) => ({
    at: new Date(Number(x.at_ms)).toISOString(),
    terminalId: String(x.terminal_id),
    clerkId: String(x.clerk_id),
    caseId: String(x.case_id),
    itemCode: String(x.item_code),
    person: String(x.person_hash).slice(0, 12),
    fields: String(x.fields ?? '')
      .split(',')
      .filter(Boolean),
  }));
}
