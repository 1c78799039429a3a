export { Outbox, type OutboxOptions } from './outbox';
export { enqueue, getMessage, markHandled, openPayload, purgeOutbox } from './store';
export { caseCompletion, caseSubmissions, mySubmissions, toView } from './query';
export { departmentReceiver, type DepartmentEndpoint, type DepartmentReceiverOptions } from './department';
export {
  submissionPayloadSchema,
  type SubmissionPayload,
  type SubmissionAnswer,
  type RemoteState,
} from '../../../protocol/department-wire';
export { retryDelay, DELIVERY_BACKOFF, type BackoffPolicy } from './backoff';
export { OutboxError, DeliveryError, type OutboxErrorCode } from './errors';
export type { OutboxMessageInput, OutboxRow, Receiver, RemoteStatus, OutboxCipher, OutboxDelivery } from './types';
export { submission, type SubmissionInput } from './submission';
export { deliveryCall, malformed, type DeliveryHttpCall, type DeliveryWording } from './http';
