import { Modal, Spin } from 'antd';
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { call } from '../api/client';
import { errorText } from '../i18n';
import { PdfPages } from './PdfPages';

/** The receipt or the citizen's copy of the application, rendered by the terminal, in the isolated PDF view. */
export function DocumentModal({
  caseId,
  kind,
  onClose,
  onPrint,
}: {
  caseId: string;
  kind: 'application' | 'receipt';
  onClose: () => void;
  onPrint: () => void;
}) {
  const { t } = useTranslation();
  const [bytes, setBytes] = useState<Uint8Array | null>(null);
  const [ready, setReady] = useState(false);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    call('case.applicationDocument', { caseId, kind })
      .then((p) => setBytes(Uint8Array.from(atob(p.pdfBase64), (ch) => ch.charCodeAt(0))))
      .catch((e: { error?: { code: string; message: string } }) => setError(e.error ? errorText(e.error) : String(e)));
  }, [caseId, kind]);
  const onReady = useCallback(() => setReady(true), []);
  return (
    <Modal
      open
      title={t(kind === 'receipt' ? 'appForm.receiptTitle' : 'appForm.applicationTitle')}
      width={860}
      onCancel={onClose}
      okText={t('appForm.printReceipt')}
      onOk={onPrint}
      okButtonProps={{ 'data-testid': 'document-print', style: kind === 'receipt' ? {} : { display: 'none' } }}
      destroyOnHidden
    >
      <div data-testid="document" data-ready={ready ? 'yes' : 'no'} className="preview-box">
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
