import { Modal, Spin } from 'antd';
import { useCallback, useEffect, useState } from 'react';
import type { PreviewView } from '../../../electron/api/types';
import { errorText } from '../i18n';
import { PdfPages } from './PdfPages';

/**
 * A document exactly as the terminal renders it (the certificate's preview, the receipt, the
 * citizen's copy of the application), drawn in the isolated PDF view, with its print button.
 * `testId` names the box (`<testId>`, ready flag `data-ready`) and the button (`<testId>-print`).
 */
export function PdfModal({
  title,
  load,
  printText,
  onPrint,
  onClose,
  print,
  testId,
}: {
  title: string;
  /** Fetches the PDF; called again whenever it changes identity (keep it in a useCallback). */
  load: () => Promise<PreviewView>;
  printText: string;
  onPrint: () => void;
  onClose: () => void;
  /** 'enabled', 'disabled' (shown greyed: the case cannot print yet) or 'hidden' (this document is not printed here). */
  print: 'enabled' | 'disabled' | 'hidden';
  testId: string;
}) {
  const [bytes, setBytes] = useState<Uint8Array | null>(null);
  const [ready, setReady] = useState(false);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    setBytes(null);
    setReady(false);
    setError(null);
    load()
      .then((p) => setBytes(Uint8Array.from(atob(p.pdfBase64), (ch) => ch.charCodeAt(0))))
      .catch((e: { error?: { code: string; message: string } }) => setError(e.error ? errorText(e.error) : String(e)));
  }, [load]);
  const onReady = useCallback(() => setReady(true), []);
  return (
    <Modal
      open
      title={title}
      width={860}
      onCancel={onClose}
      okText={printText}
      onOk={onPrint}
      okButtonProps={{
        disabled: print === 'disabled',
        'data-testid': `${testId}-print`,
        style: print === 'hidden' ? { display: 'none' } : {},
      }}
      destroyOnHidden
    >
      <div data-testid={testId} data-ready={ready ? 'yes' : 'no'} className="preview-box">
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
