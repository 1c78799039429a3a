import { AppError } from '../errors';
import type { CaseView, ItemView } from '../../api/types';
import { chooseItem as recordItem, licensesUsedFrom, recentItemCounts, recordChecks } from '../cases';
import { getItem, searchItems } from '../catalog';
import { evaluate } from '../rules';
import { blocked } from './actions';
import { formFor, type ApplicationDeps } from './application';
import type { FlowContext } from './context';
import type { LiveCase } from './live';
import { itemView } from './views';

const DAY = 86_400_000;

/** The picker: the clerk's frequent items and those this resident passes rank first. */
export function searchFor(ctx: FlowContext, query: string, caseId?: string): ItemView[] {
  const live = ctx.book.peek(caseId);
  const usage = recentItemCounts(ctx.core.db, ctx.core.config.counter, new Date(Date.now() - 30 * DAY));
  return searchItems(ctx.d.catalog, query, { eligible: live?.eligible ?? [], usage }).map((h) =>
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

/** Chooses the item once the fetch settled, runs and records its checks, and prefills its form. */
export async function choose(ctx: FlowContext, caseId: string, itemCode: string): Promise<CaseView> {
  const live = ctx.book.need(caseId);
  const item = getItem(ctx.d.catalog, itemCode);
  await live.fetch;
  const rec = ctx.book.record(caseId);
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
  const { db } = ctx.core;
  recordItem(db, caseId, item.code);
  const facts = ctx.facts(live, item);
  const evaluation = evaluate(item, facts);
  recordChecks(db, ctx.d.cipher, caseId, {
    licensesUsed: licensesUsedFrom(live.result?.licenses ?? []),
    checks: evaluation.checks,
    ...(evaluation.seasonIndex ? { seasonIndex: evaluation.seasonIndex } : {}),
  });
  live.itemCode = item.code;
  live.evaluation = evaluation;
  live.form = formFor(applicationDeps(ctx), live, item, facts);
  return ctx.publish(caseId);
}

export function applicationDeps(ctx: FlowContext): ApplicationDeps {
  const { d } = ctx;
  return {
    core: d.core,
    cipher: d.cipher,
    ...(d.pool ? { pool: d.pool } : {}),
    hall: d.hallDefaults ?? {},
    itemName: (code) => d.catalog.byCode.get(code)?.names.zh ?? code,
  };
}

/** The item is chosen and its checks do not block (passed, or approved by a supervisor). */
export function ready(live: LiveCase): void {
  if (!live.itemCode || !live.evaluation) throw new AppError('CASE_NO_ITEM', 'Choose the service item first.');
  if (blocked(live)) {
    throw new AppError(
      'CASE_BLOCKED',
      'A check failed or could not be made, so the certificate cannot be issued; explain the reason to the citizen or ask a supervisor.',
    );
  }
}
