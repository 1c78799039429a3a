// The views are part of the API's types (electron/api/types.ts), which the renderer may import too.
import type { TaskState } from '../../api/types';

export type {
  TaskState,
  TaskPerson,
  ProgrammeView,
  WorklistSummary,
  TaskView,
  WorklistView,
  FormFieldView,
} from '../../api/types';

export const TASK_STATES: readonly TaskState[] = [
  'to-contact',
  'reached',
  'not-reached',
  'declined',
  'confirmed',
  'output-made',
  'delivered',
];
