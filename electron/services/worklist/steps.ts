import { WorklistError } from './errors';
import type { TaskState, TaskView } from './types';

export type Step = 'reached' | 'not-reached' | 'declined' | 'confirm' | 'output' | 'deliver';

/**
 * The task's way: to contact → contacted (reached, not reached, declined) → confirmed → output
 * made → delivered. Someone not reached may be tried again; someone reached may still decline.
 * Declined and delivered are the ends.
 */
const NEXT: Record<TaskState, Partial<Record<Step, TaskState>>> = {
  'to-contact': { reached: 'reached', 'not-reached': 'not-reached', declined: 'declined' },
  'not-reached': { reached: 'reached', 'not-reached': 'not-reached', declined: 'declined' },
  reached: { confirm: 'confirmed', declined: 'declined' },
  declined: {},
  confirmed: { output: 'output-made', declined: 'declined' },
  'output-made': { deliver: 'delivered' },
  delivered: {},
};

export const allowedSteps = (s: TaskState): TaskView['can'] => Object.keys(NEXT[s]) as TaskView['can'];

export function nextState(state: TaskState, step: Step): TaskState {
  const to = NEXT[state][step];
  if (!to)
    throw new WorklistError('WORKLIST_TASK_STEP', `A task that is ${state} cannot take the step ${step}.`, {
      state,
      step,
    });
  return to;
}
