import { Button, List, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { SubmissionView } from '../../../electron/api/types';

const COLOR: Record<string, string> = { accepted: 'blue', approved: 'green', rejected: 'red', 'more-info': 'orange' };

/** Submissions with their delivery and the department's word; "handled" for the ones needing action. */
export function SubmissionList({
  items,
  onHandled,
}: {
  items: SubmissionView[];
  onHandled?: (s: SubmissionView) => void;
}) {
  const { t, i18n } = useTranslation();
  const en = i18n.language === 'en';
  return (
    <List
      size="small"
      dataSource={items}
      renderItem={(s) => {
        const state = s.delivery === 'delivered' ? (s.status ?? 'accepted') : s.delivery;
        return (
          <List.Item
            data-testid={`submission-${s.id}`}
            actions={
              s.needsAction && onHandled
                ? [
                    <Button
                      key="h"
                      size="small"
                      onClick={() => onHandled(s)}
                      data-testid={`submission-handled-${s.id}`}
                    >
                      {t('submissions.handled')}
                    </Button>,
                  ]
                : []
            }
          >
            <List.Item.Meta
              title={
                <>
                  <Tag
                    color={COLOR[state] ?? (s.delivery === 'dead' ? 'red' : 'default')}
                    data-testid={`submission-state-${s.id}`}
                  >
                    {t(`submissions.state_${state}`)}
                  </Tag>
                  {t('submissions.to', { receiver: s.receiver })}
                  {s.itemCode ? ` · ${s.itemCode}` : ''}
                  {s.receiptId ? (
                    <Typography.Text type="secondary">
                      {' '}
                      · {t('submissions.receipt', { id: s.receiptId })}
                    </Typography.Text>
                  ) : null}
                </>
              }
              description={
                <>
                  {s.reason ? <div>{en ? s.reason.en : s.reason.zh}</div> : null}
                  {s.delivery !== 'delivered' && s.lastError ? (
                    <div>{t(`errors.${s.lastError}`, { defaultValue: s.lastError })}</div>
                  ) : null}
                  <Typography.Text type="secondary">
                    {new Date(s.createdAt).toLocaleString(en ? 'en-GB' : 'zh-CN')}
                  </Typography.Text>
                </>
              }
            />
          </List.Item>
        );
      }}
    />
  );
}
