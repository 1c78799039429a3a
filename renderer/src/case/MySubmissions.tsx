import { Alert } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { SubmissionView } from '../../../electron/api/types';
import { call, subscribe } from '../api/client';
import { SubmissionList } from './SubmissionList';

/** On the idle screen: my submissions that need action (rejected, 需补正, refused), then those awaiting a decision. */
export function MySubmissions() {
  const { t } = useTranslation();
  const [items, setItems] = useState<SubmissionView[]>([]);
  useEffect(() => {
    const load = () =>
      void call('submissions.mine', {})
        .then(setItems)
        .catch(() => undefined);
    load();
    return subscribe('submission.changed', load);
  }, []);
  if (!items.length) return null;
  const act = items.filter((s) => s.needsAction).length;
  const handled = (id: number) =>
    void call('submissions.markHandled', { id })
      .then(() => call('submissions.mine', {}).then(setItems))
      .catch(() => undefined);
  return (
    <Alert
      type={act ? 'warning' : 'info'}
      showIcon
      style={{ marginBottom: 16 }}
      data-testid="my-submissions"
      message={t('submissions.mineTitle', { act, waiting: items.length - act })}
      description={<SubmissionList items={items} onHandled={(s) => handled(s.id)} />}
    />
  );
}
