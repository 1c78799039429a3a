import { need } from '../../services/wiring/services';
import type { HandlerContext, HandlerSlice } from './types';

type WorklistOps =
  | 'worklist.programmes'
  | 'worklist.list'
  | 'worklist.start'
  | 'worklist.resume'
  | 'worklist.view'
  | 'worklist.step'
  | 'worklist.assign'
  | 'worklist.ackNotApplied'
  | 'worklist.output'
  | 'worklist.deliver'
  | 'worklist.export'
  | 'worklist.station'
  | 'worklist.outputForm';

const svc = (ctx: HandlerContext) => need(ctx.core.services.worklists, 'The worklist service');

export const worklistHandlers: HandlerSlice<WorklistOps> = {
  'worklist.programmes': (ctx) => svc(ctx).listProgrammes(),
  'worklist.list': (ctx) => svc(ctx).list(),
  'worklist.start': (ctx, { programme, area, withinDays }) =>
    svc(ctx).start(programme, {
      area: area ?? ctx.core.config.station?.area ?? '',
      ...(withinDays ? { withinDays } : {}),
    }),
  'worklist.resume': (ctx, { id }) => svc(ctx).resume(id),
  'worklist.view': (ctx, { id, ...f }) => svc(ctx).view(id, f),
  'worklist.step': (ctx, { taskId, step, note }) => svc(ctx).step(taskId, step, note),
  'worklist.assign': (ctx, { taskIds, userId }) => svc(ctx).assign(taskIds, userId),
  'worklist.ackNotApplied': (ctx, { taskId }) => svc(ctx).ackNotApplied(taskId),
  'worklist.output': (ctx, { taskId, values }) => svc(ctx).output(taskId, values),
  'worklist.deliver': (ctx, { taskId, note, signature }) =>
    svc(ctx).deliver(taskId, { ...(note ? { note } : {}), ...(signature ? { signature } : {}) }),
  'worklist.export': (ctx, { id }) => svc(ctx).exportXlsx(id),
  'worklist.station': (ctx) => ({ area: ctx.core.config.station?.area ?? null }),
  'worklist.outputForm': (ctx, { taskId }) => svc(ctx).outputForm(taskId),
};
