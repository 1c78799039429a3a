import type { Strings } from '../zh-CN';

export const appForm: Strings['appForm'] = {
  title: 'Application form',
  toType: '{{count}} to type; the rest is prefilled from its source',
  source_card: 'ID card',
  source_license: 'License',
  source_case: 'Earlier case',
  source_hall: 'Hall default',
  source_clerk: 'To type',
  submit: 'Submit (F9)',
  submitted: 'Submitted {{at}} to: {{departments}}',
  printReceipt: 'Print receipt',
  viewReceipt: 'View receipt',
  viewApplication: 'Application (signature)',
  receiptTitle: 'Acknowledgement of receipt',
  applicationTitle: 'Application',
  problem_required: 'Required',
  problem_pattern: 'Wrong format',
  exempts: 'Not required to bring',
};

export const submissions: Strings['submissions'] = {
  caseTitle: 'Submissions to departments',
  mineTitle: 'My submissions: {{act}} need action, {{waiting}} awaiting a decision',
  to: 'to {{receiver}}',
  receipt: 'receipt {{id}}',
  handled: 'Handled',
  state_pending: 'Sending',
  state_dead: 'Refused',
  state_accepted: 'Accepted',
  state_approved: 'Approved',
  state_rejected: 'Rejected',
  'state_more-info': 'More information needed',
  completion_pending: 'Awaiting decisions',
  completion_completed: 'Completed (all decided)',
  'completion_no-submissions': 'No submissions',
};
