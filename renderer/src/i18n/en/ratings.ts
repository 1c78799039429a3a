import type { Strings } from '../zh-CN';

// 好差评: the supervisor's bad ratings (issue 12) and the clerk's rated / not rated
export const badRatings: Strings['badRatings'] = {
  title: 'Bad ratings',
  open: '{{n}} open, {{overdue}} overdue',
  case: 'Case',
  item: 'Item',
  clerk: 'Clerk',
  level: 'Rating',
  level4: 'Dissatisfied',
  level5: 'Very dissatisfied',
  reasons: 'Reasons and comments',
  ratedAt: 'Rated',
  deadline: 'Deadline',
  overdue: 'Overdue',
  state: 'Progress',
  closed: 'Closed',
  kind_verify: 'Verified',
  kind_rectify: 'Rectified',
  kind_callback: 'Called back',
  kind_close: 'Close',
  note: 'What was found or done',
  noteRequired: 'Write what was found or done',
  record: 'Record',
  byClerk: 'Per clerk',
  byItem: 'Per item',
  count: 'Bad ratings',
};

export const ratingState: Strings['ratingState'] = {
  asked: 'Last citizen: waiting for a rating',
  rated: 'Last citizen: rated',
  'not-rated': 'Last citizen: not rated',
  none: '',
  askFailed: 'Could not ask for a rating: {{why}}',
};
