import { Modal, Spin } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { call } from '../api/client';
import { errorText } from '../i18n';

/** The certificate exactly as it will print (the same renderer), in an isolated frame. */
export function PreviewModal({ caseId, open, onClose, onPrint, canPrint }: { caseId: string; open: boolean; onClose: () => void; onPrint: () => void; canPrint: boolean }) {
  const { t } = useTranslation();
  const [url, setUrl] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    if (!open) return;
    let made: string | null = null;
    setUrl(null);
    setError(null);
    call('case.preview', { caseId })
      .then((p) => {
        const bytes = Uint8Array.from(atob(p.pdfBase64), (ch) => ch.charCodeAt(0));
        made = URL.createObjectURL(new Blob([bytes], { type: 'application/pdf' }));
        setUrl(made);
      })
      .catch((e: { error?: { code: string; message: string } }) => setError(e.error ? errorText(e.error) : String(e)));
    return () => {
      if (made) URL.revokeObjectURL(made);
    };
  }, [open, caseId]);
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
      <div data-testid="preview" data-ready={url ? 'yes' : 'no'} style={{ height: 640 }}>
        {error ? <div className="preview-error">{error}</div> : url ? <iframe title="preview" src={url} style={{ width: '100%', height: '100%', border: 0 }} /> : <Spin />}
      </div>
    </Modal>
  );
}
