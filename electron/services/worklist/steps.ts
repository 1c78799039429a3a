import { stepTo, stepsFrom, type Step } from '../../../protocol/worklist-steps';
import { WorklistError } from './errors';
import type { TaskState, TaskView } from './types';

// The rules themselves are protocol/worklist-steps.ts: the hall refuses by the same table.
export type { Step };

export const allowedSteps = (s: TaskState): TaskView['can'] => stepsFrom(s);

export function nextState(state: TaskState, step: Step): TaskState {
  const to = stepTo(state, step);
  if (!to)
    throw new WorklistError('WORKLIST_TASK_STEP', `A task that is ${state} cannot take the step ${step}.`, {
      state,
      step,
    });
  return to;
}
