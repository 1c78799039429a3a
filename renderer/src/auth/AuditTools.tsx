import { Alert, Button, DatePicker, Form, Modal, Radio, Space } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { OpResult } from '../../../electron/api/contract';
import type { SessionInfo } from '../../../electron/api/types';
import { call } from '../api/client';
import { download } from './download';
import { authErrorText } from './errors';

type Dayish = { format(f: string): string };

/** Supervisor: export the audit log for a date range; supervisor/admin: check the chain. */
export function AuditTools({ session }: { session: SessionInfo }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const [verify, setVerify] = useState<OpResult<'audit.verify'> | null>(null);
  const [error, setError] = useState<string | null>(null);
  const canExport = session.roles.includes('supervisor');
  const canVerify = canExport || session.roles.includes('admin');
  if (!canVerify) return null;

  const runVerify = async () => {
    setError(null);
    try {
      setVerify(await call('audit.verify', {}));
    } catch (err) {
      setError(authErrorText(err));
    }
  };

  const runExport = async (v: { range: [Dayish, Dayish]; format: 'csv' | 'json' }) => {
    setError(null);
    try {
      const r = await call('audit.export', {
        from: v.range[0].format('YYYY-MM-DD'),
        to: v.range[1].format('YYYY-MM-DD'),
        format: v.format,
      });
      download(r.filename, r.content, r.format === 'csv' ? 'text/csv;charset=utf-8' : 'application/json');
      setOpen(false);
    } catch (err) {
      setError(authErrorText(err));
    }
  };

  return (
    <>
      <Button size="small" onClick={() => setOpen(true)} data-testid="audit-tools">
        {t('audit.title')}
      </Button>
      <Modal open={open} title={t('audit.title')} footer={null} onCancel={() => setOpen(false)} destroyOnHidden>
        <Space direction="vertical" style={{ width: '100%' }}>
          <Button onClick={() => void runVerify()} data-testid="audit-verify">
            {t('audit.verify')}
          </Button>
          {verify && (
            <Alert
              type={verify.ok ? 'success' : 'error'}
              showIcon
              data-testid="audit-verify-result"
              title={
                verify.ok
                  ? t('audit.intact', { entries: verify.entries, signed: verify.signedThrough ?? 0 })
                  : t('audit.broken', { seq: verify.brokenAt, reason: verify.reason })
              }
            />
          )}
          {canExport && (
            <Form layout="vertical" onFinish={runExport} initialValues={{ format: 'csv' }}>
              <Form.Item
                name="range"
                label={t('audit.range')}
                rules={[{ required: true, message: t('auth.required') }]}
              >
                <DatePicker.RangePicker />
              </Form.Item>
              <Form.Item name="format" label={t('audit.format')}>
                <Radio.Group
                  options={[
                    { value: 'csv', label: 'CSV' },
                    { value: 'json', label: t('audit.signedJson') },
                  ]}
                />
              </Form.Item>
              <Button type="primary" htmlType="submit" data-testid="audit-export">
                {t('audit.export')}
              </Button>
            </Form>
          )}
          {error && <Alert type="error" showIcon title={error} />}
        </Space>
      </Modal>
    </>
  );
}
