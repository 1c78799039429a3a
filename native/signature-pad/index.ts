export type { Signature, SignaturePad, Stroke, StrokePoint } from './types';
export { SIGPAD_ERRORS, SigPadError, type SigPadErrorCode } from './errors';
export { HidSignaturePad, type PadDeviceLike } from './hid-pad';
export { TouchSignaturePad } from './touch';
export { openPad, readPadTable, type PadConfig, type PadTable } from './select';
export { decodeReports, decodePenReport, encodePenReport } from './stu-decoder';
