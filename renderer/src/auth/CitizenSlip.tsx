import { Alert, Button, Modal, Table } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { OpResult } from '../../../electron/api/contract';
import { call } from '../api/client';
import { base64Bytes, download } from './download';
import { authErrorText } from './errors';

/**
 * "Who looked at my data" for the citizen of an open case. For the case screen to place next to
 * the citizen's details: <CitizenSlipButton caseId={c.id} />.
 */
export function CitizenSlipButton({ caseId }: { caseId: string }) {
  const { t } = useTranslation();
  const [slip, setSlip] = useState<OpResult<'audit.citizenSlip'> | null>(null);
  const [error, setError] = useState<string | null>(null);

  const load = async () => {
    setError(null);
    try {
      setSlip(await call('audit.citizenSlip', { caseId, pdf: true }));
    } catch (err) {
      setError(authErrorText(err));
    }
  };

  return (
    <>
      <Button onClick={() => void load()} data-testid="citizen-slip">
        {t('audit.slipButton')}
      </Button>
      {error && <Alert type="error" showIcon title={error} />}
      <Modal
        open={!!slip}
        width={760}
        title={t('audit.slipTitle')}
        onCancel={() => setSlip(null)}
        destroyOnHidden
        footer={
          slip?.pdfBase64 ? (
            <Button
              type="primary"
              onClick={() => download(`access-record-${caseId}.pdf`, base64Bytes(slip.pdfBase64!), 'application/pdf')}
            >
              {t('audit.slipPdf')}
            </Button>
          ) : null
        }
      >
        <Table
          size="small"
          rowKey={(r) => `${r.at}-${r.action}-${r.clerk ?? ''}`}
          dataSource={slip?.rows ?? []}
          locale={{ emptyText: t('audit.slipEmpty') }}
          pagination={{ pageSize: 10 }}
          columns={[
            { title: t('audit.colTime'), dataIndex: 'at', render: (v: string) => new Date(v).toLocaleString() },
            { title: t('audit.colClerk'), dataIndex: 'clerk' },
            {
              title: t('audit.colAction'),
              dataIndex: 'action',
              render: (v: string) => t(`audit.action_${v}`, { defaultValue: v }),
            },
            { title: t('audit.colItem'), dataIndex: 'itemCode' },
            { title: t('audit.colPurpose'), dataIndex: 'purpose' },
          ]}
        />
      </Modal>
    </>
  );
}
