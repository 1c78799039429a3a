export type { FormView, FormFieldView, PrefillSource } from './types';
export { prefill, poolKeys, type PrefillInput } from './prefill';
export { validateForm, type FieldProblem } from './validate';
export { readHallDefaults } from './hall';
export {
  renderDocument,
  documentTemplate,
  type DocumentData,
  type DocumentTemplate,
  type RenderedDocument,
  type SignatureInput,
} from './pdf';
