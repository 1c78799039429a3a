import { Modal, Spin } from 'antd';
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { call } from '../api/client';
import { errorText } from '../i18n';
import { PdfPages } from '../case/PdfPages';

/** The authorisation or the check report, rendered by the terminal, in the isolated PDF view; OK prints it. */
export function MeansDocument({
  caseId,
  kind,
  onClose,
}: {
  caseId: string;
  kind: 'authorisation' | 'report';
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const [bytes, setBytes] = useState<Uint8Array | null>(null);
  const [ready, setReady] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const op = kind === 'report' ? 'means.report' : 'means.authorisation';
  useEffect(() => {
    call(op, { caseId })
      .then((p) => setBytes(Uint8Array.from(atob(p.pdfBase64), (ch) => ch.charCodeAt(0))))
      .catch((e: { error?: { code: string; message: string } }) => setError(e.error ? errorText(e.error) : String(e)));
  }, [caseId, op]);
  const onReady = useCallback(() => setReady(true), []);
  const print = () =>
    void call(op, { caseId, print: true })
      .then(onClose)
      .catch((e: { error?: { code: string; message: string } }) => setError(e.error ? errorText(e.error) : String(e)));
  return (
    <Modal
      open
      title={t(kind === 'report' ? 'means.report' : 'means.authorisation')}
      width={860}
      onCancel={onClose}
      okText={t(kind === 'report' ? 'means.printReport' : 'means.printAuthorisation')}
      onOk={print}
      okButtonProps={{ 'data-testid': 'means-doc-print' }}
      destroyOnHidden
    >
      <div data-testid="means-document" data-ready={ready ? 'yes' : 'no'} className="preview-box">
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
