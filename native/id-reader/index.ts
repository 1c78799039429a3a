// Public API of the ID card reader driver. Nothing here imports electron.
export type { Card, CardFields, CardKind, CardWarning, CardWarningCode, CodeLabel } from './card';
export { CardRead } from './card';
export { READER_ERRORS, ReaderError, isReaderError, type ReaderErrorCode } from './errors';
export { idCheckDigit, isValidIdNumber, idNumberBirth, idNumberSex } from '../../protocol/id-number';
export { parseKeyboardIdInput, type KeyboardIdResult } from './keyboard';
export { setIdReaderResourcesDir } from './resources';
export {
  COMMANDS,
  DEFAULT_MAX_LEN,
  PREAMBLE,
  commandName,
  encodeCommand,
  encodeFrame,
  encodeResponse,
  parseCommandBody,
  parseResponseBody,
  fromHex,
  toHex,
  type CommandName,
  type ResponseBody,
} from './frame/codec';
export { FrameDecoder, type DecodeEvent } from './frame/decoder';
export { sw3Status, listSw3Statuses, type Sw3Status } from './frame/status';
export {
  parseCardDataReply,
  encodeCardDataReply,
  parseAddedAddress,
  encodeAddedAddress,
  parseSamId,
} from './frame/replies';
export { decodeCardText } from './text/decode';
export { encodeCardText } from './text/encode';
export { listNations, nationByCode, sexByCode } from './text/codes';
export type { Transport, TransportInfo, TransportKind, TransportEvents } from './transport/types';
export { SerialTransport, type SerialOptions } from './transport/serial';
export { HidRawTransport, type HidRawOptions } from './transport/hid-raw';
export { nodeHidBinding, type HidBinding, type HidDeviceLike, type HidDeviceInfo } from './transport/hid-binding';
export { UsbBulkTransport, type UsbBulkOptions } from './transport/usb-bulk';
export { nodeUsb, type UsbLike, type UsbDeviceLike } from './transport/usb-binding';
export { Reassembler } from './transport/reassembly';
export { readerTable, lookupReader, udevRule, vidPidKey, type KnownReader } from './table/readers';
export type { ReaderEntry, ReaderTable, TransportSpec, TransportType } from './table/schema';
export {
  Simulator,
  type FaultKind,
  type SimLatency,
  type SimulatorOptions,
  type DemoCardSummary,
} from './sim/simulator';
export { SimulatorTransport } from './sim/sim-transport';
export {
  BUILTIN_DEMO_CARDS,
  DemoCardSchema,
  parseDemoCards,
  type DemoCard,
  type DemoCardInput,
} from './sim/demo-cards';
export {
  ReaderManager,
  createReaderManager,
  type ReaderManagerConfig,
  type ReaderManagerEvents,
  type ReaderLogger,
} from './manager/manager';
export { discoverReaders, type ReaderCandidate, type DiscoveryResult } from './manager/discovery';
export type { DeviceReport } from './manager/devices';
export { usbHotplug, type Hotplug, type HotplugEvent } from './manager/hotplug';
export type { ReaderState, ReaderStatus } from './manager/status';
