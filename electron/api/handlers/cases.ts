import { requireOpenCase } from '../../services/audit';
import { need } from '../../services/wiring/services';
import type { HandlerContext, HandlerSlice } from './types';

const desk = (ctx: HandlerContext) => need(ctx.core.services.desk, 'The case service');

type CaseOps =
  | 'case.current'
  | 'case.get'
  | 'case.openManual'
  | 'case.close'
  | 'items.search'
  | 'case.chooseItem'
  | 'case.preview'
  | 'case.override'
  | 'case.print'
  | 'case.retryPrint'
  | 'case.reprint'
  | 'case.void'
  | 'case.interrupted'
  | 'case.apply'
  | 'case.applicationDocument'
  | 'case.printApplicationDocument'
  | 'cert.verify'
  | 'printers.list';

export const caseHandlers: HandlerSlice<CaseOps> = {
  'case.current': (ctx) => (ctx.core.services.desk ? desk(ctx).current() : null),
  'case.get': (ctx, { caseId }) => desk(ctx).viewFor(caseId),
  'case.openManual': (ctx, { idNumber, name, validTo, reason }) =>
    desk(ctx).openManual(idNumber, name, validTo, reason),
  'case.close': (ctx, { caseId }) => {
    desk(ctx).close(caseId);
    return null;
  },
  'items.search': (ctx, { query, caseId }) => desk(ctx).search(query, caseId),
  // Purpose binding: personal data only inside the clerk's own case for the citizen at the counter.
  'case.chooseItem': async (ctx, { caseId, itemCode }) => {
    requireOpenCase(ctx.core, caseId);
    // The hall's pool values for this person and item, asked before the form is prefilled (bounded wait).
    await ctx.core.services.hallPool?.prefetch(caseId, itemCode);
    return desk(ctx).chooseItem(caseId, itemCode);
  },
  'case.override': (ctx, { caseId, supervisorId, password, reason }) => (
    requireOpenCase(ctx.core, caseId),
    desk(ctx).override(caseId, supervisorId, password, reason)
  ),
  'case.preview': (ctx, { caseId }) => (requireOpenCase(ctx.core, caseId), desk(ctx).preview(caseId)),
  'case.print': (ctx, { caseId, printer }) => (requireOpenCase(ctx.core, caseId), desk(ctx).print(caseId, printer)),
  'case.retryPrint': (ctx, { caseId, printer }) => desk(ctx).retryPrint(caseId, printer),
  'case.reprint': (ctx, { caseId, reason }) => desk(ctx).reprint(caseId, reason),
  'case.void': (ctx, { caseId, reason }) => desk(ctx).voidCase(caseId, reason),
  'case.apply': (ctx, { caseId, values }) => (requireOpenCase(ctx.core, caseId), desk(ctx).apply(caseId, values)),
  'case.applicationDocument': (ctx, { caseId, kind, strokes }) => (
    requireOpenCase(ctx.core, caseId),
    desk(ctx).applicationDocument(caseId, kind, strokes ? { strokes } : undefined)
  ),
  'case.printApplicationDocument': (ctx, { caseId, kind }) => (
    requireOpenCase(ctx.core, caseId),
    desk(ctx).printApplicationDocument(caseId, kind)
  ),
  'case.interrupted': (ctx) => (ctx.core.services.desk ? desk(ctx).interrupted() : []),
  'printers.list': async (ctx) => {
    const printing = ctx.core.services.printing;
    return printing ? printing.list() : [];
  },
  'cert.verify': (ctx, { payload }) => need(ctx.core.services.desk, 'The verify service').verify(payload),
};
