export { MeansTestService, type MeansCaseSeam, type MeansDeps } from './service';
export { loadMeansConfig, areaRules, SOURCE_KEYS, type MeansConfig, type SourceKey, type AreaRules } from './config';
export { MEANS_ERRORS, MeansError, type MeansErrorCode } from './errors';
export { evaluateHousehold } from './rules';
export { queryHousehold, querySource } from './query';
export { reportData, REPORT_TEMPLATE } from './report';
export type { MeansView, MeansSignRequest } from './api-types';
export { econSources, type EconSourcesView } from './training';
export type * from './types';
