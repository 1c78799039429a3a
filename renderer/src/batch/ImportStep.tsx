import { InboxOutlined } from '@ant-design/icons';
import { Progress, Typography, Upload as AntUpload } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { batchErrorText, type Upload } from './types';
import { uploadList } from './upload';

/** Step 1: choose a CSV or XLSX list; it goes to the terminal in chunks. */
export function ImportStep({ onUploaded, onError }: { onUploaded: (u: Upload) => void; onError: (e: string) => void }) {
  const { t } = useTranslation();
  const [sent, setSent] = useState<{ bytes: number; size: number } | null>(null);
  const take = (file: File) => {
    setSent({ bytes: 0, size: file.size });
    uploadList(file, (bytes) => setSent({ bytes, size: file.size }))
      .then(onUploaded)
      .catch((e: unknown) => {
        setSent(null);
        onError(batchErrorText(e));
      });
    return false;
  };
  return (
    <div style={{ marginBottom: 24 }}>
      <AntUpload.Dragger
        accept=".csv,.xlsx"
        multiple={false}
        showUploadList={false}
        beforeUpload={take}
        disabled={!!sent}
        data-testid="batch-file"
      >
        <p className="ant-upload-drag-icon">
          <InboxOutlined />
        </p>
        <p className="ant-upload-text">{t('batch.importHint')}</p>
        <Typography.Text type="secondary">{t('batch.importFormats')}</Typography.Text>
      </AntUpload.Dragger>
      {sent && <Progress percent={Math.round((sent.bytes / Math.max(1, sent.size)) * 100)} size="small" />}
    </div>
  );
}
