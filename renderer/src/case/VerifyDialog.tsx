import { Alert, Descriptions, Input, Modal } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { VerifyView } from '../../../electron/api/types';
import { call } from '../api/client';

const TYPE = { valid: 'success', tampered: 'error', 'unknown-key': 'warning', malformed: 'error' } as const;

/** Offline check of a certificate's QR: paste it, or scan it with a scanner that types into the field. */
export function VerifyDialog({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const [payload, setPayload] = useState('');
  const [result, setResult] = useState<VerifyView | null>(null);
  const check = () =>
    void call('cert.verify', { payload })
      .then(setResult)
      .catch(() => undefined);
  return (
    <Modal
      open={open}
      title={t('verify.title')}
      onCancel={onClose}
      onOk={check}
      okText={t('verify.check')}
      okButtonProps={{ 'data-testid': 'verify-check' }}
      destroyOnHidden
    >
      <Input.TextArea
        autoFocus
        rows={4}
        value={payload}
        onChange={(e) => setPayload(e.target.value)}
        placeholder={t('verify.placeholder')}
        data-testid="verify-input"
        onPressEnter={(e) => {
          e.preventDefault();
          check();
        }}
      />
      {result && (
        <Alert
          style={{ marginTop: 12 }}
          type={TYPE[result.status]}
          showIcon
          message={t(`verify.${result.status}`)}
          data-testid="verify-result"
          data-status={result.status}
        />
      )}
      {result?.fields && (
        <Descriptions size="small" column={1} style={{ marginTop: 8 }}>
          {Object.entries(result.fields).map(([k, v]) => (
            <Descriptions.Item key={k} label={t(`verify.field_${k}`, { defaultValue: k })}>
              {k === 'training' ? t(`verify.training_${v}`, { defaultValue: v }) : v}
            </Descriptions.Item>
          ))}
        </Descriptions>
      )}
    </Modal>
  );
}
