/** What a worklist and its tasks look like on the screen and in the API (no full ID number, ever). */
export type TaskState =
  'to-contact' | 'reached' | 'not-reached' | 'declined' | 'confirmed' | 'output-made' | 'delivered';
export const TASK_STATES: readonly TaskState[] = [
  'to-contact',
  'reached',
  'not-reached',
  'declined',
  'confirmed',
  'output-made',
  'delivered',
];

/** The person as stored (sealed): exactly what the registry answered for the programme. */
export interface TaskPerson {
  idNumber: string;
  name: string;
  sex?: string;
  birth?: string;
  address?: string;
  licenses?: Record<string, Record<string, string>>;
}

export interface ProgrammeView {
  code: string;
  names: { zh: string; en: string };
  item: string;
  itemName: { zh: string; en: string };
  output: 'card' | 'application';
  withinDays?: number;
  visit: boolean;
}

export interface WorklistSummary {
  id: string;
  programme: string;
  programmeName: { zh: string; en: string };
  area: string;
  asOf: string;
  createdBy: string;
  createdAt: string;
  state: 'building' | 'ready' | 'failed';
  error?: string;
  total: number;
  /** Tasks per state, every state present. */
  counts: Record<TaskState, number>;
  /** Delivered, plus declined (closed either way), over the total: 0..1. */
  progress: number;
}

export interface TaskView {
  id: number;
  seq: number;
  state: TaskState;
  name: string;
  /** 110901********0151: enough to tell people apart on the list. */
  idMasked: string;
  sex?: string;
  birth?: string;
  age?: number;
  /** The day they turn the programme's age, when it has one. */
  turns?: string;
  /** Only when the programme visits people at home. */
  address?: string;
  /** Programme-specific facts the registry answered (e.g. disability grade). */
  facts: Array<{ label: { zh: string; en: string }; value: string }>;
  assignedTo?: string;
  caseId?: string;
  outputRef?: string;
  deliveredBy?: string;
  deliveredAt?: string;
  signed: boolean;
  /** The steps this state allows, for the buttons. */
  can: Array<'reached' | 'not-reached' | 'declined' | 'confirm' | 'output' | 'deliver'>;
  history: Array<{ step: string; by: string; at: string; note?: string }>;
}

export interface WorklistView extends WorklistSummary {
  tasks: TaskView[];
  /** Tasks matching the filter before paging. */
  matched: number;
}
