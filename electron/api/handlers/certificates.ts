import { hallKeyExport } from '../../services/certificates';
import { need } from '../../services/wiring/services';
import type { HandlerSlice } from './types';

export const certificateHandlers: HandlerSlice<'cert.exportHallKey'> = {
  // Only the public half leaves the terminal; the private key file never does.
  'cert.exportHallKey': (ctx) => hallKeyExport(need(ctx.core.services.desk, 'The certificate service').publicHallKey()),
};
