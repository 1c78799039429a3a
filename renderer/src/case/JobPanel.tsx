import { Alert, Button, Space, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import type { CaseView } from '../../../electron/api/types';

const COLOR = { queued: 'processing', processing: 'processing', completed: 'success', error: 'error', cancelled: 'default' } as const;

/** The print job's progress and, when it fails, what the clerk can do about it. */
export function JobPanel({ c, onRetry, onReprint, onVoid }: { c: CaseView; onRetry: () => void; onReprint: () => void; onVoid: () => void }) {
  const { t } = useTranslation();
  if (!c.serial) return null;
  const job = c.job;
  return (
    <div className="job-panel" data-testid="job-panel">
      <Space wrap>
        <span>
          {t('job.serial')} <strong data-testid="case-serial">{c.serial}</strong>
        </span>
        {job && (
          <Tag color={COLOR[job.state]} data-testid="job-state" data-state={job.state}>
            {t(`job.${job.state}`)} · {job.printer}
          </Tag>
        )}
        {c.state === 'voided' && <Tag color="red">{t('job.voided')}</Tag>}
      </Space>
      {job?.state === 'error' && <Alert style={{ marginTop: 8 }} type="error" showIcon message={job.message ?? job.code} data-testid="job-error" />}
      <Space style={{ marginTop: 8 }}>
        {(job?.state === 'error' || (c.state === 'accepted' && !job)) && <Button onClick={onRetry} data-testid="job-retry">{t('job.retry')}</Button>}
        {c.state === 'completed' && <Button onClick={onReprint} data-testid="job-reprint">{t('job.reprint')}</Button>}
        {c.state !== 'voided' && <Button danger onClick={onVoid} data-testid="job-void">{t('job.void')}</Button>}
      </Space>
    </div>
  );
}
