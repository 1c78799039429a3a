import { AppError } from '../errors';
import type { TrainingCardsView } from '../types';
import { need } from '../../services/wiring/services';
import type { HandlerContext, HandlerSlice } from './types';

function view(ctx: HandlerContext): TrainingCardsView {
  if (!ctx.core.training) throw new AppError('APP_TRAINING_ONLY', 'The training panel exists only in training mode.');
  const reader = need(ctx.core.services.reader, 'The card reader');
  const s = reader.trainingState();
  return { cards: reader.demoCards().map((c) => ({ id: c.id, label: c.label, kind: c.kind, name: c.name })), placed: s.placed, plugged: s.plugged };
}

export const trainingHandlers: HandlerSlice<'training.cards' | 'training.toggleCard' | 'training.fault'> = {
  'training.cards': (ctx) => view(ctx),
  'training.toggleCard': (ctx, { id }) => {
    view(ctx);
    ctx.core.services.reader!.toggleCard(id);
    return view(ctx);
  },
  'training.fault': (ctx, { kind }) => {
    view(ctx);
    ctx.core.services.reader!.fault(kind);
    return view(ctx);
  },
};
