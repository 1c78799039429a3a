import { Modal, Spin } from 'antd';
import { useCallback, useEffect, useState } from 'react';
import { PdfPages } from './PdfPages';
import { useTranslation } from 'react-i18next';
import { call } from '../api/client';
import { errorText } from '../i18n';

/** The certificate exactly as it will print (the same renderer), in an isolated frame. */
export function PreviewModal({
  caseId,
  open,
  onClose,
  onPrint,
  canPrint,
}: {
  caseId: string;
  open: boolean;
  onClose: () => void;
  onPrint: () => void;
  canPrint: boolean;
}) {
  const { t } = useTranslation();
  const [bytes, setBytes] = useState<Uint8Array | null>(null);
  const [ready, setReady] = useState(false);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    if (!open) return;
    setBytes(null);
    setReady(false);
    setError(null);
    call('case.preview', { caseId })
      .then((p) => setBytes(Uint8Array.from(atob(p.pdfBase64), (ch) => ch.charCodeAt(0))))
      .catch((e: { error?: { code: string; message: string } }) => setError(e.error ? errorText(e.error) : String(e)));
  }, [open, caseId]);
  const onReady = useCallback(() => setReady(true), []);
  return (
    <Modal
      open={open}
      title={t('preview.title')}
      width={860}
      onCancel={onClose}
      okText={t('preview.print')}
      onOk={onPrint}
      okButtonProps={{ disabled: !canPrint, 'data-testid': 'preview-print' }}
      destroyOnHidden
    >
      <div data-testid="preview" data-ready={ready ? 'yes' : 'no'} className="preview-box">
        {error ? (
          <div className="preview-error">{error}</div>
        ) : bytes ? (
          <PdfPages bytes={bytes} onReady={onReady} />
        ) : (
          <Spin />
        )}
      </div>
    </Modal>
  );
}
