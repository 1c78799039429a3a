import { AppError } from '../errors';
import type { TrainingCardsView } from '../types';
import { need } from '../../services/wiring/services';
import type { ReaderService } from '../../services/reader/service';
import type { HandlerContext, HandlerSlice } from './types';

/** The simulated reader, in training mode only. */
function trainingReader(ctx: HandlerContext): ReaderService {
  if (!ctx.core.training) throw new AppError('APP_TRAINING_ONLY', 'The training panel exists only in training mode.');
  return need(ctx.core.services.reader, 'The card reader');
}

function view(reader: ReaderService): TrainingCardsView {
  const s = reader.trainingState();
  return {
    cards: reader.demoCards().map((c) => ({ id: c.id, label: c.label, kind: c.kind, name: c.name })),
    placed: s.placed,
    plugged: s.plugged,
  };
}

export const trainingHandlers: HandlerSlice<'training.cards' | 'training.toggleCard' | 'training.fault'> = {
  'training.cards': (ctx) => view(trainingReader(ctx)),
  'training.toggleCard': (ctx, { id }) => {
    const reader = trainingReader(ctx);
    reader.toggleCard(id);
    return view(reader);
  },
  'training.fault': (ctx, { kind }) => {
    const reader = trainingReader(ctx);
    reader.fault(kind);
    return view(reader);
  },
};
