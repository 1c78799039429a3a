/** The form's view types live with the API (the page renders them); see electron/api/types.ts. */
export type { PrefillSource, FormFieldView, FormView } from '../../api/types';
