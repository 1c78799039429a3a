import { Card, Tag } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CaseSubmissionsView } from '../../../electron/api/types';
import { call, subscribe } from '../api/client';
import { SubmissionList } from './SubmissionList';

/** A case's submissions, live; the case is 办结 once every one has a final decision. Nothing when it has none. */
export function CaseSubmissions({ caseId }: { caseId: string }) {
  const { t } = useTranslation();
  const [view, setView] = useState<CaseSubmissionsView | null>(null);
  useEffect(() => {
    const load = () =>
      void call('submissions.forCase', { caseId })
        .then(setView)
        .catch(() => undefined);
    load();
    return subscribe('submission.changed', (s) => s.caseId === caseId && load());
  }, [caseId]);
  if (!view || view.completion === 'no-submissions') return null;
  const handled = (id: number) =>
    void call('submissions.markHandled', { id })
      .then(() => call('submissions.forCase', { caseId }).then(setView))
      .catch(() => undefined);
  return (
    <Card
      size="small"
      style={{ marginTop: 16 }}
      data-testid="case-submissions"
      title={t('submissions.caseTitle')}
      extra={
        <Tag color={view.completion === 'completed' ? 'green' : 'blue'} data-testid="case-completion">
          {t(`submissions.completion_${view.completion}`)}
        </Tag>
      }
    >
      <SubmissionList items={view.submissions} onHandled={(s) => handled(s.id)} />
    </Card>
  );
}
