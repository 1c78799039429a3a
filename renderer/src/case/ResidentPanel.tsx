import { UserOutlined } from '@ant-design/icons';
import { Alert, Avatar, Descriptions, Space, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { CaseView } from '../../../electron/api/types';
import { LicenseList } from './LicenseList';

const KIND_COLOR: Record<string, string> = {
  resident: 'blue',
  hmt_permit: 'purple',
  foreign_2017: 'gold',
  foreign_2023: 'gold',
};

/** Who is at the counter: the card's fields (number masked), warnings and the licenses found. */
export function ResidentPanel({ c }: { c: CaseView }) {
  const { t, i18n } = useTranslation();
  const card = c.card;
  const validTo = card.validTo === 'long-term' ? t('case.longTerm') : card.validTo;
  return (
    <div className="resident-panel" data-testid="resident-panel">
      <Space align="start" size="large">
        <Avatar shape="square" size={96} src={c.photo} icon={<UserOutlined />} data-testid="resident-photo" />
        <div>
          <Typography.Title level={3} style={{ margin: 0 }} data-testid="resident-name">
            {card.name} {card.nameEn && <Typography.Text type="secondary">{card.nameEn}</Typography.Text>}
          </Typography.Title>
          <Space wrap>
            <Tag color={KIND_COLOR[card.kind]}>{t(`cardKind.${card.kind}`)}</Tag>
            {c.source === 'manual' && <Tag color="orange">{t('case.manual')}</Tag>}
            <Typography.Text code data-testid="resident-number">
              {card.numberMasked}
            </Typography.Text>
          </Space>
        </div>
      </Space>
      {card.warnings.map((w) => (
        <Alert
          key={w.code}
          type="warning"
          showIcon
          style={{ marginTop: 8 }}
          message={t(`cardWarning.${w.code}`, { defaultValue: w.code })}
          data-testid="card-warning"
        />
      ))}
      <Descriptions size="small" column={2} style={{ marginTop: 12 }} data-testid="resident-fields">
        <Descriptions.Item label={t('case.sex')}>
          {i18n.language === 'en'
            ? card.sex.code === '1'
              ? 'Male'
              : card.sex.code === '2'
                ? 'Female'
                : card.sex.label
            : card.sex.label}
        </Descriptions.Item>
        {card.nation && (
          <Descriptions.Item label={t('case.nation')}>
            {i18n.language === 'en' && card.nation.labelEn ? card.nation.labelEn : card.nation.label}
          </Descriptions.Item>
        )}
        <Descriptions.Item label={t('case.birth')}>{card.birth}</Descriptions.Item>
        <Descriptions.Item label={t('case.validity')}>{`${card.validFrom} — ${validTo}`}</Descriptions.Item>
        {card.address && (
          <Descriptions.Item label={t('case.address')} span={2}>
            {card.address}
          </Descriptions.Item>
        )}
        {card.authority && (
          <Descriptions.Item label={t('case.authority')} span={2}>
            {card.authority}
          </Descriptions.Item>
        )}
      </Descriptions>
      <LicenseList c={c} />
    </div>
  );
}
