import type { Strings } from '../zh-CN';

export const hallKey: Strings['hallKey'] = {
  export: 'Export hall key',
  done: 'Saved {{file}}: give it to verifiers, who run npm run verify -- --keys {{file}} certificate.pdf',
};

export const hallStats: Strings['hallStats'] = {
  title: 'Hall statistics',
  mine: 'My numbers today',
  ownToday: 'Only your own numbers for {{day}}',
  refresh: 'Refresh',
  accepted: 'Accepted',
  completed: 'Completed',
  rate: 'Completion rate',
  voided: 'Voided',
  pending: 'Pending',
  approved: 'Approved',
  rejected: 'Rejected',
  badOpen: 'Bad ratings open ({{scope}})',
  badOverdue: 'Bad ratings overdue ({{scope}})',
  ratedGood: 'Good',
  ratedBad: 'Bad',
  levels: {
    veryGood: 'Very satisfied',
    good: 'Satisfied',
    fair: 'Fairly satisfied',
    bad: 'Dissatisfied',
    veryBad: 'Very dissatisfied',
  },
  badScope: { hall: 'whole hall', terminal: 'this terminal' },
  level: 'Rating',
  share: 'Share',
  satisfiedRate: 'Satisfied or better',
  notRated: 'Not rated',
  perHour: 'Per hour, today',
  perDay: 'Per day',
  per: { window: 'Window', clerk: 'Clerk', item: 'Item' },
  handling: 'Handling time',
  median: 'Median',
  minutes: 'min',
  cases: 'Cases',
  satisfaction: 'Satisfaction',
  poolReads: 'Shared pool reads',
  readAt: 'When',
  terminal: 'Terminal',
  case: 'Case',
  person: 'Person (hash)',
  fields: 'Fields',
};

export const hallLink: Strings['hallLink'] = {
  title: 'Hall link',
  notPaired:
    "This terminal is not paired with a hall server. Enter the hall server's address and the one-time code its console shows.",
  url: 'Hall server address',
  code: 'Pairing code',
  pair: 'Pair',
  paired: 'Paired with the hall',
  terminal: 'Terminal id',
  pairedAt: 'Paired',
  pending: 'Events waiting',
  lastError: 'Last error',
  unpair: 'Unpair',
  unpairConfirm: 'This terminal will stop sending to the hall. Unpair?',
};

export const hallPool: Strings['hallPool'] = {
  fromHall: "Earlier cases' values come from the hall's shared pool ({{count}} found).",
  local_unpaired: 'Not linked to a hall: earlier values come from this terminal only.',
  local_unreachable:
    "The hall server can't be reached: earlier values come from this terminal only; another window's may be missing.",
  local_refused: 'The hall refused this terminal: earlier values come from this terminal only. Call the administrator.',
  'local_no-key':
    'This pairing has no shared pool key: earlier values come from this terminal only. The administrator pairs again.',
};
