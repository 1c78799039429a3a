import type { HandlerSlice } from './types';

export const appHandlers: HandlerSlice<'app.info' | 'status.get' | 'prefs.setLanguage'> = {
  'app.info': ({ core }) => core.info(),
  'status.get': ({ core }) => ({
    reader: core.status.reader,
    printer: core.status.printer,
    registry: core.status.registry,
    session: core.session,
  }),
  'prefs.setLanguage': ({ core }, { language }) => {
    core.setLanguage(language);
    return { language };
  },
};
