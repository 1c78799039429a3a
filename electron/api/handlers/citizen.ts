import { need } from '../../services/wiring/services';
import type { HandlerSlice } from './types';

export const citizenHandlers: HandlerSlice<'citizen.view'> = {
  'citizen.view': (ctx) => need(ctx.core.services.citizen, "The citizen's screen").view(),
};
