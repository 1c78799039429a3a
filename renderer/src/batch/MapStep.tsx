import { Button, Form, Input, Select, Space, Table, Tag } from 'antd';
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { OpResult } from '../../../electron/api/contract';
import { call } from '../api/client';
import { batchErrorText, type Item, type Job, type Upload } from './types';

type PreviewRow = OpResult<'batch.preview'>['rows'][number];

/** Step 2: which column is which, the first lines as the check will read them, the item and the reason. */
export function MapStep({
  upload,
  onStarted,
  onBack,
  onError,
}: {
  upload: Upload;
  onStarted: (j: Job) => void;
  onBack: () => void;
  onError: (e: string) => void;
}) {
  const { t, i18n } = useTranslation();
  const header = upload.preview?.header ?? [];
  const [idNumber, setIdNumber] = useState<number | undefined>(upload.preview?.guess.idNumber);
  const [name, setName] = useState<number | undefined>(upload.preview?.guess.name);
  const [items, setItems] = useState<Item[]>([]);
  const [itemCode, setItemCode] = useState<string | undefined>();
  const [reason, setReason] = useState('');
  const [rows, setRows] = useState<PreviewRow[]>([]);
  const [busy, setBusy] = useState(false);
  const en = i18n.language === 'en';
  const columns = useMemo(() => header.map((h, i) => ({ value: i, label: `${i + 1}. ${h || '—'}` })), [header]);

  useEffect(() => {
    call('batch.items', {})
      .then((list) => {
        setItems(list);
        setItemCode((c) => c ?? list[0]?.code);
      })
      .catch((e: unknown) => onError(batchErrorText(e)));
  }, [onError]);
  useEffect(() => {
    if (idNumber === undefined || name === undefined) return setRows([]);
    call('batch.preview', { uploadId: upload.uploadId, mapping: { idNumber, name } })
      .then((r) => setRows(r.rows))
      .catch((e: unknown) => onError(batchErrorText(e)));
  }, [upload.uploadId, idNumber, name, onError]);

  const start = async () => {
    if (idNumber === undefined || name === undefined || !itemCode) return;
    setBusy(true);
    try {
      onStarted(
        await call('batch.start', { uploadId: upload.uploadId, itemCode, reason, mapping: { idNumber, name } }),
      );
    } catch (e) {
      onError(batchErrorText(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Form layout="inline">
        <Form.Item label={t('batch.colIdNumber')} required>
          <Select
            style={{ width: 200 }}
            options={columns}
            value={idNumber}
            onChange={setIdNumber}
            data-testid="batch-map-id"
          />
        </Form.Item>
        <Form.Item label={t('batch.colName')} required>
          <Select
            style={{ width: 200 }}
            options={columns}
            value={name}
            onChange={setName}
            data-testid="batch-map-name"
          />
        </Form.Item>
      </Form>
      <Table<PreviewRow>
        size="small"
        rowKey="line"
        pagination={false}
        dataSource={rows}
        data-testid="batch-preview"
        title={() => t('batch.previewTitle')}
        columns={[
          { title: t('batch.line'), dataIndex: 'line', width: 70 },
          { title: t('batch.name'), dataIndex: 'name' },
          { title: t('batch.idNumber'), dataIndex: 'idNumberMasked' },
          {
            title: t('batch.input'),
            render: (_, r) =>
              r.problem ? (
                <Tag color="orange">{t(`batch.problems.${r.problem}`)}</Tag>
              ) : (
                <Tag color="green">{t('batch.inputOk')}</Tag>
              ),
          },
        ]}
      />
      <Form layout="vertical" style={{ maxWidth: 640 }}>
        <Form.Item label={t('batch.item')} required>
          <Select
            value={itemCode}
            onChange={setItemCode}
            data-testid="batch-item"
            options={items.map((i) => ({ value: i.code, label: en ? i.names.en : i.names.zh }))}
          />
        </Form.Item>
        <Form.Item label={t('batch.reason')} required extra={t('batch.reasonHint')}>
          <Input
            value={reason}
            onChange={(e) => setReason(e.target.value)}
            maxLength={200}
            data-testid="batch-reason"
          />
        </Form.Item>
      </Form>
      <Space>
        <Button onClick={onBack}>{t('batch.back')}</Button>
        <Button
          type="primary"
          loading={busy}
          disabled={idNumber === undefined || name === undefined || !itemCode || reason.trim().length < 2}
          onClick={() => void start()}
          data-testid="batch-start"
        >
          {t('batch.start')}
        </Button>
      </Space>
    </Space>
  );
}
