import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { canonicalJson } from '../../../protocol/canonical';
import { sm3Hex } from '../../../protocol/sm3';
import { ratingWire, type RatingWire } from '../../../protocol/rating-wire';
import type { CaseView } from '../../api/types';
import { appendAudit } from '../audit';
import type { Core } from '../core/core';
import { AppError } from '../errors';
import { hallDay } from '../core/calendar';
import { enqueue } from '../outbox';
import { addWorkingDays, type HolidayCalendar } from './deadline';
import type { RatingInput } from './types';

/** Sichuan: every bad rating answered within 15 working days. */
export const BAD_RATING_WORKING_DAYS = 15;
export const RATING_RECEIVER = 'rating:haocha';

export function loadCalendar(resourcesDir: string): HolidayCalendar {
  return JSON.parse(readFileSync(join(resourcesDir, 'calendar', 'holidays.json'), 'utf8')) as HolidayCalendar;
}

/** Pure: the platform's record of one rating (or of "not rated" when input is null). */
export function ratingRecord(
  c: CaseView,
  counter: { hall: string; window: string; clerk: { staffNo: string; name: string } },
  input: Omit<RatingInput, 'caseId'> | null,
  at: Date,
): RatingWire {
  return ratingWire.parse({
    projNo: c.caseId,
    serviceCode: c.item?.itemCode ?? c.item?.code ?? '-',
    serviceName: c.item?.names.zh ?? '-',
    serviceDepartmentCode: c.item?.department?.zh ?? '-',
    hallCode: counter.hall,
    windowNo: counter.window,
    evaluatedPersonInfo: { loginName: counter.clerk.staffNo, name: counter.clerk.name },
    evaluateChannel: 'PJQ',
    evaluateTime: at.toISOString(),
    evaluateLevel: input ? input.level : null,
    subEvaluations: input ? input.sub : null,
    badReasons: input?.reasons ?? [],
    badText: input?.text ?? '',
  });
}

/**
 * Stores the rating, its audit entry (naming the record's hash) and its outbox message in one
 * transaction: a kill after the tap either keeps all three or none, and the outbox delivers once.
 */
export function storeRating(core: Core, clerkId: string, r: RatingWire): { id: number; deadline: string | null } {
  const cipher = core.services.cipher;
  if (!cipher) throw new AppError('APP_SERVICE_UNAVAILABLE', 'The data key is not loaded.');
  const record = canonicalJson(r);
  const hash = sm3Hex(record);
  const bad = r.evaluateLevel !== null && r.evaluateLevel >= 4;
  const deadline = bad
    ? addWorkingDays(hallDay(new Date(r.evaluateTime)), BAD_RATING_WORKING_DAYS, loadCalendar(core.resourcesDir))
    : null;
  return core.db.transaction(() => {
    const exists = core.db.prepare('SELECT 1 FROM ratings WHERE case_id = ?').get(r.projNo);
    if (exists) throw new AppError('RATING_ALREADY', 'This case has already been rated.');
    const { lastInsertRowid } = core.db
      .prepare(
        'INSERT INTO ratings(case_id, item_code, clerk_id, level, bad, rated_at, deadline, record, record_hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)',
      )
      .run(r.projNo, r.serviceCode, clerkId, r.evaluateLevel, bad ? 1 : 0, r.evaluateTime, deadline, record, hash);
    appendAudit(core.db, {
      actor: 'citizen-screen',
      action: r.evaluateLevel === null ? 'rating-none' : 'rating',
      caseId: r.projNo,
      itemCode: r.serviceCode,
      detail: { recordHash: hash },
    });
    const message = {
      kind: 'rating',
      receiver: RATING_RECEIVER,
      key: `rating.${r.projNo}`,
      caseId: r.projNo,
      clerkId,
      itemCode: r.serviceCode,
      payload: r,
    };
    // Through the running outbox when there is one, so delivery starts at commit instead of at its
    // next look (up to a minute when other messages wait for a receiver).
    if (core.services.outbox) core.services.outbox.enqueue(core.db, message);
    else enqueue(core.db, cipher, message);
    return { id: Number(lastInsertRowid), deadline };
  })();
}
