/**
 * A worklist task's way, shared by the terminal (services/worklist) and the hall (hall/worklists.ts),
 * so the hall refuses a step the rules do not allow even from a terminal that skipped its own check:
 * to contact → contacted (reached, not reached, declined) → confirmed → output made → delivered.
 * Someone not reached may be tried again; someone reached may still decline until the output is
 * made. Declined and delivered are the ends.
 */
export const TASK_STATES = [
  'to-contact',
  'reached',
  'not-reached',
  'declined',
  'confirmed',
  'output-made',
  'delivered',
] as const;
export type TaskState = (typeof TASK_STATES)[number];

export const TASK_STEPS = ['reached', 'not-reached', 'declined', 'confirm', 'output', 'deliver'] as const;
export type Step = (typeof TASK_STEPS)[number];

const NEXT: Record<TaskState, Partial<Record<Step, TaskState>>> = {
  'to-contact': { reached: 'reached', 'not-reached': 'not-reached', declined: 'declined' },
  'not-reached': { reached: 'reached', 'not-reached': 'not-reached', declined: 'declined' },
  reached: { confirm: 'confirmed', declined: 'declined' },
  declined: {},
  confirmed: { output: 'output-made', declined: 'declined' },
  'output-made': { deliver: 'delivered' },
  delivered: {},
};

export const isTaskState = (s: string): s is TaskState => (TASK_STATES as readonly string[]).includes(s);
export const isStep = (s: string): s is Step => (TASK_STEPS as readonly string[]).includes(s);

/** The steps a task in this state may take, in the table's order. */
export const stepsFrom = (s: TaskState): Step[] => Object.keys(NEXT[s]) as Step[];

/** The state after the step, or undefined when the rules do not allow it (the caller words the refusal). */
export function stepTo(state: string, step: string): TaskState | undefined {
  if (!isTaskState(state) || !isStep(step)) return undefined;
  return NEXT[state][step];
}
