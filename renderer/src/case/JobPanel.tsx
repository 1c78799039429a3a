import { Alert, Button, Select, Space, Tag } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CaseView, PrinterView } from '../../../electron/api/types';
import { call } from '../api/client';
import { errorText } from '../i18n';

const COLOR = {
  queued: 'processing',
  processing: 'processing',
  completed: 'success',
  error: 'error',
  cancelled: 'default',
} as const;

/** The print job's progress and, when it fails, what the clerk can do about it. */
export function JobPanel({
  c,
  onRetry,
  onReprint,
  onVoid,
}: {
  c: CaseView;
  onRetry: (printer?: string) => void;
  onReprint: () => void;
  onVoid: () => void;
}) {
  const { t } = useTranslation();
  const job = c.job;
  const failed = c.can.retry;
  const [printers, setPrinters] = useState<PrinterView[]>([]);
  const [other, setOther] = useState<string | undefined>();
  useEffect(() => {
    if (failed)
      void call('printers.list', {})
        .then(setPrinters)
        .catch(() => undefined);
  }, [failed]);
  if (!c.serial) return null;
  const elsewhere = printers.filter((p) => p.name !== job?.printer);
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
      {job?.state === 'error' && (
        <Alert
          style={{ marginTop: 8 }}
          type="error"
          showIcon
          message={job.code ? errorText({ code: job.code, params: job.params }) : t('job.error')}
          data-testid="job-error"
        />
      )}
      <Space style={{ marginTop: 8 }}>
        {failed && (
          <Button onClick={() => onRetry()} data-testid="job-retry">
            {t('job.retry')}
          </Button>
        )}
        {failed && elsewhere.length > 0 && (
          <Space.Compact>
            <Select
              style={{ minWidth: 200 }}
              placeholder={t('job.otherPrinter')}
              value={other}
              onChange={setOther}
              options={elsewhere.map((p) => ({
                value: p.name,
                label: `${p.description ?? p.name}${p.problem ? ` — ${errorText(p.problem)}` : ''}`,
                disabled: !p.accepting,
              }))}
              data-testid="job-printer-select"
            />
            <Button disabled={!other} onClick={() => onRetry(other)} data-testid="job-redirect">
              {t('job.sendThere')}
            </Button>
          </Space.Compact>
        )}
        {c.can.reprint && (
          <Button onClick={onReprint} data-testid="job-reprint">
            {t('job.reprint')}
          </Button>
        )}
        {c.can.void && (
          <Button danger onClick={onVoid} data-testid="job-void">
            {t('job.void')}
          </Button>
        )}
      </Space>
    </div>
  );
}
