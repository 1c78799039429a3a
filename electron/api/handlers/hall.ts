import { hallBadRatings, hallExport, hallPoolReads, hallStats } from '../../services/hall/stats-ops';
import { need } from '../../services/wiring/services';
import type { HandlerContext, HandlerSlice } from './types';

const hall = (ctx: HandlerContext) => need(ctx.core.services.hall, 'The hall link');
const user = (ctx: HandlerContext) => ctx.core.session!;

type HallOps =
  | 'hall.link'
  | 'hall.pair'
  | 'hall.unpair'
  | 'hall.stats'
  | 'hall.badRatings'
  | 'hall.export'
  | 'hall.poolReads'
  | 'hall.prefillSource';

export const hallHandlers: HandlerSlice<HallOps> = {
  'hall.link': (ctx) => hall(ctx).state(),
  'hall.pair': (ctx, { url, code }) => hall(ctx).pair(url, code, user(ctx).userId),
  'hall.unpair': (ctx) => hall(ctx).unpair(user(ctx).userId),
  'hall.stats': (ctx, ask) => hallStats(hall(ctx), user(ctx), ask),
  'hall.badRatings': (ctx) => hallBadRatings(ctx.core, ctx.core.services.hall, user(ctx)),
  'hall.export': (ctx, ask) => hallExport(hall(ctx), user(ctx), ask),
  'hall.poolReads': (ctx, { days }) => hallPoolReads(hall(ctx), days),
  'hall.prefillSource': (ctx, { caseId }) => ctx.core.services.hallPool?.sourceOf(caseId) ?? null,
};
