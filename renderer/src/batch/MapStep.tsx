import { Alert, Button, Form, Input, Select, Space, Table, Tag, Typography } from 'antd';
import { useCallback, useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { OpResult } from '../../../electron/api/contract';
import { call } from '../api/client';
import { useShortcuts } from '../shortcuts';
import { effectiveMapping, firstItem, mappingProblems, type Field, type Mapping } from './columns';
import { batchErrorText, type Item, type Job, type Upload } from './types';

type PreviewRow = OpResult<'batch.preview'>['rows'][number];

const LABEL: Record<Field, string> = {
  idNumber: 'batch.colIdNumber',
  name: 'batch.colName',
  fatherIdNumber: 'batch.colFather',
  motherIdNumber: 'batch.colMother',
};

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
  const guess = upload.preview?.guess ?? {};
  const [mapping, setMapping] = useState<Partial<Mapping>>(guess);
  const [items, setItems] = useState<Item[]>([]);
  const [itemCode, setItemCode] = useState<string | undefined>();
  const [reason, setReason] = useState('');
  const [rows, setRows] = useState<PreviewRow[]>([]);
  const [busy, setBusy] = useState(false);
  const en = i18n.language === 'en';
  const columns = useMemo(() => header.map((h, i) => ({ value: i, label: `${i + 1}. ${h || '—'}` })), [header]);
  const item = items.find((i) => i.code === itemCode);
  const needed = useMemo(() => item?.columns ?? [], [item]);
  const read = useMemo(() => effectiveMapping(mapping, needed), [mapping, needed]);
  const problems = mappingProblems(mapping, needed);
  const ready = !!read && !!item && problems.missing.length === 0 && problems.twice.length === 0;
  const canStart = ready && reason.trim().length >= 2 && !busy;

  useEffect(() => {
    call('batch.items', {})
      .then((list) => {
        setItems(list);
        setItemCode((c) => c ?? firstItem(list, upload.preview?.guess ?? {}));
      })
      .catch((e: unknown) => onError(batchErrorText(e)));
  }, [onError, upload.preview?.guess]);
  // The preview reads through exactly what the run will read (parents only when the item reads them).
  const readKey = JSON.stringify(read ?? null);
  useEffect(() => {
    const m = JSON.parse(readKey) as Mapping | null;
    if (!m) return setRows([]);
    call('batch.preview', { uploadId: upload.uploadId, mapping: m })
      .then((r) => setRows(r.rows))
      .catch((e: unknown) => onError(batchErrorText(e)));
  }, [upload.uploadId, readKey, onError]);

  const start = useCallback(async () => {
    if (!canStart || !read || !itemCode) return;
    setBusy(true);
    try {
      onStarted(await call('batch.start', { uploadId: upload.uploadId, itemCode, reason, mapping: read }));
    } catch (e) {
      onError(batchErrorText(e));
    } finally {
      setBusy(false);
    }
  }, [canStart, read, itemCode, upload.uploadId, reason, onStarted, onError]);
  useShortcuts(useMemo(() => ({ 'Alt+S': () => void start(), 'Alt+B': onBack }), [start, onBack]));

  // With the parents on the list, the applicant is the child: say so beside the parents' columns.
  const label = (f: Field) =>
    needed.length && f === 'idNumber'
      ? 'batch.colChildId'
      : needed.length && f === 'name'
        ? 'batch.colChildName'
        : LABEL[f];
  const select = (f: Field, optional: boolean) => (
    <Form.Item key={f} label={t(label(f))} required={!optional || (needed as readonly Field[]).includes(f)}>
      <Select
        style={{ width: 210 }}
        options={columns}
        value={mapping[f]}
        allowClear={optional}
        placeholder={
          optional && !(needed as readonly Field[]).includes(f) ? t('batch.notNamed') : t('batch.chooseColumn')
        }
        onChange={(v?: number) => setMapping((m) => ({ ...m, [f]: v }))}
        data-testid={`batch-map-${f}`}
      />
    </Form.Item>
  );
  const fieldList = (fs: Field[]) => fs.map((f) => t(label(f))).join(en ? '", "' : '”“');
  const parentCount = item?.conditions.filter((c) => c.subject).length ?? 0;
  const masked = (v: string | undefined, bad: boolean) =>
    v ? (
      <Typography.Text type={bad ? 'danger' : undefined}>{v}</Typography.Text>
    ) : (
      <Typography.Text type="secondary">{t('batch.notNamed')}</Typography.Text>
    );

  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      {/* The item first: it decides which columns the list must have. */}
      <Form layout="inline" style={{ rowGap: 8 }}>
        <Form.Item label={t('batch.item')} required>
          <Select
            style={{ width: 300 }}
            value={itemCode}
            onChange={setItemCode}
            data-testid="batch-item"
            options={items.map((i) => ({ value: i.code, label: en ? i.names.en : i.names.zh }))}
          />
        </Form.Item>
        <Form.Item label={t('batch.reason')} required extra={t('batch.reasonHint')}>
          <Input
            style={{ width: 420 }}
            value={reason}
            onChange={(e) => setReason(e.target.value)}
            maxLength={200}
            data-testid="batch-reason"
          />
        </Form.Item>
      </Form>
      <Form layout="inline" style={{ rowGap: 8 }}>
        {select('idNumber', false)}
        {select('name', false)}
        {select('fatherIdNumber', true)}
        {select('motherIdNumber', true)}
      </Form>
      {item && needed.length > 0 && (
        <Alert
          type={problems.missing.length ? 'warning' : 'info'}
          showIcon
          data-testid="batch-map-needs"
          title={t('batch.needsParents', { item: en ? item.names.en : item.names.zh, n: parentCount })}
          description={
            problems.missing.length ? t('batch.missingColumns', { fields: fieldList(problems.missing) }) : undefined
          }
        />
      )}
      {item &&
        needed.length === 0 &&
        (mapping.fatherIdNumber !== undefined || mapping.motherIdNumber !== undefined) && (
          <Alert
            type="info"
            showIcon
            data-testid="batch-map-ignored"
            title={t('batch.parentsIgnored', { item: en ? item.names.en : item.names.zh })}
          />
        )}
      {problems.twice.map((fs) => (
        <Alert key={fs.join()} type="error" showIcon title={t('batch.sameColumn', { fields: fieldList(fs) })} />
      ))}
      <Table<PreviewRow>
        size="small"
        rowKey="line"
        pagination={false}
        dataSource={rows}
        data-testid="batch-preview"
        scroll={{ y: 300 }}
        title={() => t('batch.previewTitle')}
        columns={[
          { title: t('batch.line'), dataIndex: 'line', width: 70 },
          { title: needed.length ? t('batch.childName') : t('batch.name'), dataIndex: 'name' },
          {
            title: needed.length ? t('batch.childId') : t('batch.idNumber'),
            render: (_, r) => masked(r.idNumberMasked, !!r.malformed?.includes('idNumber')),
          },
          ...(read?.fatherIdNumber !== undefined
            ? [
                {
                  title: t('batch.fatherId'),
                  render: (_: unknown, r: PreviewRow) =>
                    masked(r.fatherIdMasked, !!r.malformed?.includes('fatherIdNumber')),
                },
              ]
            : []),
          ...(read?.motherIdNumber !== undefined
            ? [
                {
                  title: t('batch.motherId'),
                  render: (_: unknown, r: PreviewRow) =>
                    masked(r.motherIdMasked, !!r.malformed?.includes('motherIdNumber')),
                },
              ]
            : []),
          {
            title: t('batch.input'),
            render: (_, r) =>
              r.problem === 'id-malformed' && r.malformed?.length ? (
                r.malformed.map((f) => (
                  <Tag key={f} color="orange">
                    {t(`batch.malformed.${f}`)}
                  </Tag>
                ))
              ) : r.problem ? (
                <Tag color="orange">{t(`batch.problems.${r.problem}`)}</Tag>
              ) : (
                <Tag color="green">{t('batch.inputOk')}</Tag>
              ),
          },
        ]}
      />
      <Space wrap>
        <Button onClick={onBack} title="Alt+B" data-testid="batch-back">
          {t('batch.back')}
        </Button>
        <Button
          type="primary"
          loading={busy}
          disabled={!canStart}
          onClick={() => void start()}
          title="Alt+S"
          data-testid="batch-start"
        >
          {t('batch.start')}
        </Button>
        <Typography.Text type="secondary">{t('batch.keysMap')}</Typography.Text>
      </Space>
    </Space>
  );
}
