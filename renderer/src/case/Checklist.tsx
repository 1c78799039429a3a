import { CheckCircleFilled, CloseCircleFilled, QuestionCircleFilled } from '@ant-design/icons';
import { Alert, Button, List, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { CaseView, CheckView } from '../../../electron/api/types';

const ICON = {
  passed: <CheckCircleFilled style={{ color: '#389e0d' }} />,
  failed: <CloseCircleFilled style={{ color: '#cf1322' }} />,
  unknown: <QuestionCircleFilled style={{ color: '#d48806' }} />,
};

/** Each check with its result, the sentence to read to the citizen and the license it rests on. */
export function Checklist({ c, onOverride }: { c: CaseView; onOverride?: () => void }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language === 'en' ? 'en' : 'zh';
  const blocked = c.checks.filter((k) => k.result !== 'passed');
  return (
    <div data-testid="checklist">
      <List
        size="small"
        dataSource={c.checks}
        renderItem={(k: CheckView) => (
          <List.Item data-testid={`check-${k.id}`} data-result={k.result}>
            <List.Item.Meta
              avatar={ICON[k.result]}
              title={k.label[lang]}
              description={
                <>
                  <div>{k.sentence[lang]}</div>
                  {k.source && (
                    <Typography.Text type="secondary">
                      {t('checks.source', {
                        type: k.source.typeName,
                        number: k.source.number,
                        issuer: k.source.issuer,
                      })}
                      {k.source.asOf &&
                        ` · ${t('checks.asOf', { time: new Date(k.source.asOf).toLocaleString('zh-CN') })}`}
                    </Typography.Text>
                  )}
                </>
              }
            />
          </List.Item>
        )}
      />
      {blocked.length > 0 && !c.override && (
        <Alert
          type="error"
          showIcon
          message={t('checks.blocked')}
          description={t('checks.blockedHint')}
          data-testid="print-blocked"
          action={
            c.can.override && onOverride ? (
              <Button size="small" onClick={onOverride} data-testid="override-open">
                {t('override.title')}
              </Button>
            ) : undefined
          }
        />
      )}
      {c.override && (
        <Alert
          type="warning"
          showIcon
          message={t('override.done', { name: c.override.byName, reason: c.override.reason })}
          data-testid="override-done"
        />
      )}
      {c.dataAsOf && (
        <Alert
          type="warning"
          showIcon
          style={{ marginTop: 8 }}
          message={t('checks.cachedData', { time: new Date(c.dataAsOf).toLocaleString('zh-CN') })}
        />
      )}
    </div>
  );
}
