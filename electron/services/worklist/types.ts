// The views are part of the API's types (electron/api/types.ts), which the renderer may import too.

export type {
  TaskState,
  TaskPerson,
  ProgrammeView,
  WorklistSummary,
  TaskView,
  WorklistView,
  FormFieldView,
} from '../../api/types';

export { TASK_STATES } from '../../../protocol/worklist-steps';
