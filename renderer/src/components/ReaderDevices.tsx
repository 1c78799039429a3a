import { Alert, Button, Modal, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ReaderDeviceView, ReaderStatus } from '../../../electron/api/types';
import { call } from '../api/client';

const STATE_COLOR: Record<ReaderDeviceView['state'], string> = {
  ready: 'green',
  found: 'blue',
  failed: 'red',
  unsupported: 'default',
};

/** The translated reason with its fix (udev rule, WinUSB), or the driver's English text when no translation exists. */
export function useReasonText(
  rule?: 'below' | 'in-view',
): (x: { code?: string; params?: Record<string, string | number>; message?: string }) => string | undefined {
  const { t, i18n } = useTranslation();
  return (x) => {
    if (!x.code) return x.message;
    const params: Record<string, string | number> = { ...x.params };
    // The table's reason is English; a Chinese one is used when the table has it.
    if (i18n.language !== 'en' && params.reasonZh !== undefined) params.reason = params.reasonZh;
    // The rule is long: shown once, as a copyable block in the device view, referred to elsewhere.
    if (params.rule && rule) params.rule = t(rule === 'below' ? 'readerDevices.ruleBelow' : 'readerDevices.ruleInView');
    return t(`errors.${x.code}`, { ...params, defaultValue: x.message ?? x.code });
  };
}

export function deviceName(d: ReaderDeviceView, lang: string): string {
  return `${lang === 'en' || !d.vendorZh ? d.vendor : d.vendorZh} ${d.model}`;
}

/** Status-bar tooltip for the reader: what is in use or why nothing is, and what the search saw. */
export function ReaderTip({ reader, fallback }: { reader: ReaderStatus; fallback?: string }) {
  const { t, i18n } = useTranslation();
  const reason = useReasonText('in-view')(reader) ?? fallback;
  return (
    <div data-testid="reader-tip">
      {reader.device && <div>{reader.device}</div>}
      {reason && <div>{reason}</div>}
      {(reader.devices ?? []).map((d) => (
        <div key={`${d.vidPid}-${d.where ?? ''}-${d.transport}`}>
          {deviceName(d, i18n.language)} ({d.vidPid}, {d.transport}
          {d.probed ? t('readerDevices.probed') : ''},{' '}
          {t(`readerDevices.confirmed_${d.confirmed}`, { defaultValue: d.confirmed })}):{' '}
          {t(`readerDevices.state_${d.state}`)}
        </div>
      ))}
    </div>
  );
}

/** Admin: every reader-like device found, its transport and evidence, and why one could not be opened, with the fix. */
export function ReaderDevicesButton() {
  const { t, i18n } = useTranslation();
  const reasonText = useReasonText('below');
  const [open, setOpen] = useState(false);
  const [reader, setReader] = useState<ReaderStatus | null>(null);
  const show = async () => {
    setOpen(true);
    setReader((await call('status.get', {}).catch(() => null))?.reader ?? null);
  };
  const rows = reader?.devices ?? [];
  return (
    <>
      <Button size="small" onClick={() => void show()} data-testid="reader-devices">
        {t('readerDevices.button')}
      </Button>
      <Modal
        open={open}
        title={t('readerDevices.title')}
        footer={null}
        width={960}
        onCancel={() => setOpen(false)}
        destroyOnHidden
      >
        <Typography.Paragraph type="secondary">{t('readerDevices.hint')}</Typography.Paragraph>
        {reader?.code && !rows.some((d) => d.code === reader.code) && (
          <Alert type="warning" showIcon message={reasonText(reader)} style={{ marginBottom: 12 }} />
        )}
        <Table<ReaderDeviceView>
          size="small"
          pagination={false}
          rowKey={(d) => `${d.vidPid}-${d.where ?? ''}-${d.transport}`}
          dataSource={rows}
          locale={{ emptyText: t('readerDevices.none') }}
          data-testid="reader-devices-table"
          columns={[
            {
              title: t('readerDevices.colDevice'),
              width: 200,
              render: (_, d) => deviceName(d, i18n.language) + (d.where ? ` · ${d.where}` : ''),
            },
            { title: t('readerDevices.colId'), dataIndex: 'vidPid', width: 100 },
            {
              title: t('readerDevices.colTransport'),
              width: 130,
              render: (_, d) =>
                (d.transport === 'none' ? t('readerDevices.transport_none') : d.transport) +
                (d.probed ? t('readerDevices.probed') : ''),
            },
            {
              title: t('readerDevices.colEvidence'),
              width: 100,
              render: (_, d) => t(`readerDevices.confirmed_${d.confirmed}`, { defaultValue: d.confirmed }),
            },
            {
              title: t('readerDevices.colState'),
              width: 100,
              render: (_, d) => <Tag color={STATE_COLOR[d.state]}>{t(`readerDevices.state_${d.state}`)}</Tag>,
            },
            {
              title: t('readerDevices.colWhy'),
              render: (_, d) => (
                <>
                  {reasonText(d)}
                  {d.params?.rule && (
                    <Typography.Paragraph code copyable style={{ marginTop: 4, marginBottom: 0 }}>
                      {d.params.rule}
                    </Typography.Paragraph>
                  )}
                </>
              ),
            },
          ]}
        />
      </Modal>
    </>
  );
}
