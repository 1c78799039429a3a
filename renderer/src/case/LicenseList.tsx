import { Alert, List, Spin, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { CaseView, ErrorParams, LicenseState } from '../../../electron/api/types';
import { errorText, i18n } from '../i18n';

const COLOR: Record<LicenseState, string> = {
  verified: 'green',
  cache: 'gold',
  unverified: 'red',
  missing: 'default',
  pending: 'processing',
};
const hhmm = (iso?: string) =>
  iso
    ? new Date(iso).toLocaleString('zh-CN', { month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit' })
    : '';

/** A signature verdict (SIG_*) has its own short text; a fetch error is worded like any error code. */
function licenseReason(code: string, params?: ErrorParams): string {
  return i18n.t(`licenseReason.${code}`, { defaultValue: errorText({ code, params }), ...params });
}

/** The holder's licenses from the registry, each with its state: verified, unverified (why), cached (as of), missing. */
export function LicenseList({ c }: { c: CaseView }) {
  const { t, i18n } = useTranslation();
  const en = i18n.language === 'en';
  return (
    <div className="license-list" data-testid="license-list">
      <Typography.Title level={5} style={{ marginTop: 16 }}>
        {t('case.licenses')} {c.registry.state === 'pending' && <Spin size="small" />}
      </Typography.Title>
      {!c.registry.online && c.registry.state === 'done' && (
        <Alert
          type="warning"
          showIcon
          message={t('case.offline', { time: hhmm(c.registry.offlineSince) })}
          data-testid="registry-offline"
        />
      )}
      <List
        size="small"
        dataSource={c.licenses}
        locale={{ emptyText: c.registry.state === 'pending' ? t('case.fetching') : t('case.noLicenses') }}
        renderItem={(l) => (
          <List.Item data-testid={`license-${l.typeCode}`}>
            <List.Item.Meta
              title={
                <span>
                  {en && l.typeNameEn ? l.typeNameEn : l.typeName}{' '}
                  <Tag color={COLOR[l.state]}>{t(`licenseState.${l.state}`, { time: hhmm(l.asOf) })}</Tag>
                </span>
              }
              description={
                <span>
                  {l.number && <Typography.Text code>{l.number}</Typography.Text>} {l.issuer}{' '}
                  {l.validTo &&
                    `· ${t('case.validTo')} ${l.validTo.startsWith('9999') ? t('case.longTerm') : l.validTo}`}
                  {l.reasonCode && <div className="license-reason">{licenseReason(l.reasonCode, l.reasonParams)}</div>}
                </span>
              }
            />
          </List.Item>
        )}
      />
      {c.registry.errors.map((e, i) => (
        <Typography.Paragraph key={i} type="secondary" className="registry-error">
          {errorText(e)}
        </Typography.Paragraph>
      ))}
    </div>
  );
}
