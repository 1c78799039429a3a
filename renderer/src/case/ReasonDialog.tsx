import { Input, Modal } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';

/** Void and reprint need a reason that goes into the record and the audit log. */
export function ReasonDialog({
  title,
  open,
  onOk,
  onCancel,
}: {
  title: string;
  open: boolean;
  onOk: (reason: string) => void;
  onCancel: () => void;
}) {
  const { t } = useTranslation();
  const [reason, setReason] = useState('');
  return (
    <Modal
      open={open}
      title={title}
      onOk={() => {
        onOk(reason.trim());
        setReason('');
      }}
      okButtonProps={{ disabled: reason.trim().length < 2, 'data-testid': 'reason-ok' }}
      onCancel={onCancel}
      destroyOnHidden
    >
      <Input.TextArea
        autoFocus
        rows={3}
        value={reason}
        onChange={(e) => setReason(e.target.value)}
        placeholder={t('case.reasonPlaceholder')}
        data-testid="reason-input"
      />
    </Modal>
  );
}
