import { IdcardOutlined } from '@ant-design/icons';
import { Result } from 'antd';
import { useTranslation } from 'react-i18next';

/** The main area: idle until a card is placed; the case screens fill it. */
export function WorkArea() {
  const { t } = useTranslation();
  return (
    <div className="work-area" data-testid="work-area">
      <Result icon={<IdcardOutlined />} title={t('work.idleTitle')} subTitle={t('work.idleHint')} />
    </div>
  );
}
