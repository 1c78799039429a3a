import { Button, Table, Tag } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { call } from '../api/client';
import { batchErrorText, type Job } from './types';

/** Earlier batches of this terminal (the user's own; a supervisor's: all), to reopen or resume. */
export function JobList({ onOpen, onError }: { onOpen: (j: Job) => void; onError: (e: string) => void }) {
  const { t, i18n } = useTranslation();
  const [jobs, setJobs] = useState<Job[]>([]);
  useEffect(() => {
    call('batch.list', {})
      .then(setJobs)
      .catch((e: unknown) => onError(batchErrorText(e)));
  }, [onError]);
  if (jobs.length === 0) return null;
  const en = i18n.language === 'en';
  return (
    <Table<Job>
      size="small"
      rowKey="id"
      pagination={false}
      dataSource={jobs}
      data-testid="batch-jobs"
      title={() => t('batch.recent')}
      columns={[
        { title: t('batch.number'), dataIndex: 'id' },
        { title: t('batch.item'), render: (_, j) => (en ? j.itemName.en : j.itemName.zh) },
        { title: t('batch.reason'), dataIndex: 'reason' },
        { title: t('batch.state'), render: (_, j) => <Tag>{t(`batch.states.${j.state}`)}</Tag> },
        { title: t('batch.rows'), render: (_, j) => Object.values(j.counts).reduce((a, b) => a + b, 0) },
        {
          title: '',
          render: (_, j) => (
            <Button size="small" onClick={() => onOpen(j)} data-testid={`batch-job-${j.id}`}>
              {t('batch.open')}
            </Button>
          ),
        },
      ]}
    />
  );
}
