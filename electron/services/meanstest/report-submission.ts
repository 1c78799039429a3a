import { certificateFactsHash } from '../certificates';
import { submission, type SubmissionInput } from '../outbox/submission';
import type { OutboxMessageInput } from '../outbox';
import type { StoredRun } from './runs';
import { CONCLUSION_WORDS } from './types';

/**
 * The report with the application to civil affairs: the application's own values and the run's
 * figures in one form, bound to the signed report by its serial and facts hash.
 */
export function reportSubmission(
  s: StoredRun,
  i: Omit<SubmissionInput, 'form' | 'seq'> & { values: Record<string, string> },
): OutboxMessageInput {
  const f = s.run.figures;
  const { values, ...rest } = i;
  return submission({
    ...rest,
    form: {
      ...values,
      householdSize: s.run.members.length,
      meansConclusion: CONCLUSION_WORDS[s.run.conclusion].zh,
      meansReportSerial: s.report.serial,
      meansReportHash: certificateFactsHash(s.report),
      incomePerPersonMonth: f.incomePerPersonMonth,
      incomeStandard: f.incomeStandard,
      incomeAboveLine: f.incomePerPersonMonth !== null && f.incomePerPersonMonth > f.incomeStandard,
      floorSpacePerPerson: f.floorSpacePerPerson,
      failedRules: s.run.rules
        .filter((r) => r.result === 'failed')
        .map((r) => r.id)
        .join(','),
    },
    // The application's own submission (case.apply) is 1, 2…; the report's are 100 + run.
    seq: 100 + s.run.runNo,
  });
}
