export { CaseFlow } from './case-flow';
export type { FlowDeps } from './deps';
export { OUTPUTS, type OutputHandler, type OutputKind } from './outputs';
