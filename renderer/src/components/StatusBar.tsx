import { Badge, Space, Tooltip, Typography } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { AppInfo, StatusSnapshot } from '../../../electron/api/types';
import { ReaderTip } from './ReaderDevices';
import { errorText } from '../i18n';

type BadgeStatus = 'success' | 'processing' | 'default' | 'error' | 'warning';

const READER: Record<string, BadgeStatus> = {
  connected: 'success',
  reading: 'processing',
  searching: 'processing',
  disconnected: 'error',
  error: 'error',
  unavailable: 'default',
};
const PRINTER: Record<string, BadgeStatus> = {
  ready: 'success',
  busy: 'processing',
  error: 'error',
  unavailable: 'default',
};
const REGISTRY: Record<string, BadgeStatus> = {
  online: 'success',
  training: 'warning',
  offline: 'error',
  unavailable: 'default',
};

const hhmm = (iso?: string) =>
  iso ? new Date(iso).toLocaleTimeString('zh-CN', { hour: '2-digit', minute: '2-digit' }) : '';

export function StatusBar({
  info,
  status,
  hostDown,
}: {
  info: AppInfo | null;
  status: StatusSnapshot | null;
  hostDown: boolean;
}) {
  const { t } = useTranslation();
  if (hostDown)
    return (
      <div className="status-bar status-bar--down" role="status">
        {t('status.hostDown')}
      </div>
    );
  const reg = status?.registry;
  // Every line here is worded on this page from a state or a code, so it follows Alt+L.
  const why = (s?: { code?: string; params?: Record<string, string | number> }) =>
    s?.code ? errorText({ code: s.code, params: s.params }) : undefined;
  const regDetail =
    reg?.state === 'offline'
      ? [
          reg.since && t('status.offlineSince', { time: hhmm(reg.since) }),
          reg.cacheAsOf && t('status.cacheAsOf', { time: hhmm(reg.cacheAsOf) }),
        ]
          .filter(Boolean)
          .join(' · ')
      : why(reg);
  const regTip = reg?.state === 'offline' ? t('status.registryCache') : why(reg);
  const readerTip = status ? (why(status.reader) ?? t(`status.readerHint_${status.reader.state}`)) : undefined;
  const item = (label: string, value: string, badge: BadgeStatus, tip?: ReactNode, testId?: string) => (
    <Tooltip title={tip}>
      <span className="status-item" data-testid={testId}>
        <Badge status={badge} />
        <Typography.Text type="secondary">{label}</Typography.Text> <Typography.Text>{value}</Typography.Text>
      </span>
    </Tooltip>
  );
  return (
    <div className="status-bar" role="status" data-testid="status-bar">
      <Space size="large" wrap>
        {item(
          t('status.hall'),
          info ? `${info.hall.name} · ${t('status.counter')} ${info.counter}` : '…',
          'default',
          undefined,
          'status-hall',
        )}
        {item(
          t('status.clerk'),
          status?.session?.displayName ?? t('status.noClerk'),
          status?.session ? 'success' : 'default',
          undefined,
          'status-clerk',
        )}
        {item(
          t('status.reader'),
          status ? t(`status.reader_${status.reader.state}`) : '…',
          READER[status?.reader.state ?? 'unavailable'] ?? 'default',
          status ? <ReaderTip reader={status.reader} fallback={readerTip} /> : undefined,
          'status-reader',
        )}
        {item(
          t('status.printer'),
          status ? t(`status.printer_${status.printer.state}`) : '…',
          PRINTER[status?.printer.state ?? 'unavailable'] ?? 'default',
          why(status?.printer),
          'status-printer',
        )}
        {item(
          t('status.registry'),
          status ? t(`status.registry_${status.registry.state}`) + (regDetail ? ` (${regDetail})` : '') : '…',
          REGISTRY[status?.registry.state ?? 'unavailable'] ?? 'default',
          regTip,
          'status-registry',
        )}
      </Space>
    </div>
  );
}
