import { PrintError } from './errors';
import { errorInfo, type PrintJobErrorInfo } from './job-events';

export { PrintError };

/** The serialisable shape of a PrintError, as events and API answers carry it. */
export function errorToInfo(err: PrintError, terminal: boolean): PrintJobErrorInfo {
  return errorInfo(err.code, err.reasons, terminal, err.detail, err.params);
}
