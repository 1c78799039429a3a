import { badRatings, followUp } from '../../services/citizen/supervisor';
import { need } from '../../services/wiring/services';
import type { HandlerContext, HandlerSlice } from './types';

const screen = (ctx: HandlerContext) => need(ctx.core.services.citizen, "The citizen's screen");
const desk = (ctx: HandlerContext) => need(ctx.core.services.desk, 'The case service');

type CitizenOps =
  | 'citizen.view'
  | 'citizen.rate'
  | 'citizen.sign'
  | 'case.askRating'
  | 'case.ratingState'
  | 'ratings.bad'
  | 'ratings.followUp';

export const citizenHandlers: HandlerSlice<CitizenOps> = {
  'citizen.view': (ctx) => screen(ctx).view(),
  'citizen.rate': (ctx, input) => {
    screen(ctx).prompt.rate(input);
    return { recorded: true };
  },
  'citizen.sign': (ctx, { hash, width, height, strokes }) =>
    screen(ctx).sign(hash, strokes && width && height ? { strokes, width, height } : undefined),
  // viewFor refuses another clerk's case, so F8 rates only the clerk's own.
  'case.askRating': (ctx, { caseId }) => screen(ctx).prompt.ask(desk(ctx).viewFor(caseId)),
  'case.ratingState': (ctx, { caseId }) => screen(ctx).prompt.stateOf(caseId),
  'ratings.bad': (ctx) => badRatings(ctx.core),
  'ratings.followUp': (ctx, { ratingId, kind, note }) =>
    followUp(ctx.core, ctx.core.session!.userId, ratingId, kind, note),
};
