import { AppError } from '../errors';
import { hallKeyExport } from '../../services/certificates';
import type { CounterDesk } from '../../services/flow/desk';
import type { HandlerSlice } from './types';

export const certificateHandlers: HandlerSlice<'cert.exportHallKey'> = {
  // Only the public half leaves the terminal; the private key file never does.
  'cert.exportHallKey': (ctx) => {
    const desk = ctx.core.services.desk as CounterDesk | undefined;
    if (!desk) throw new AppError('APP_SERVICE_UNAVAILABLE', 'The certificate service did not start; see the start-up log.');
    return hallKeyExport(desk.publicHallKey());
  },
};
