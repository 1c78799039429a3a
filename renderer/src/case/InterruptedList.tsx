import { Alert, Button, List } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CaseView } from '../../../electron/api/types';
import { call } from '../api/client';

/** Certificates issued but never confirmed printed (a crash, a power cut): finish or void each. */
export function InterruptedList({ onOpen }: { onOpen: (c: CaseView) => void }) {
  const { t, i18n } = useTranslation();
  const [items, setItems] = useState<CaseView[]>([]);
  useEffect(() => {
    call('case.interrupted', {})
      .then(setItems)
      .catch(() => undefined);
  }, []);
  if (!items.length) return null;
  return (
    <Alert
      type="warning"
      showIcon
      style={{ marginBottom: 16 }}
      message={t('interrupted.title', { count: items.length })}
      data-testid="interrupted"
      description={
        <List
          size="small"
          dataSource={items}
          renderItem={(c) => (
            <List.Item actions={[<Button key="open" size="small" onClick={() => onOpen(c)} data-testid={`interrupted-${c.serial}`}>{t('interrupted.open')}</Button>]}>
              {c.serial} · {c.card.name} · {c.item ? (i18n.language === 'en' ? c.item.names.en : c.item.names.zh) : ''} · {c.timings.generatedAt ? new Date(c.timings.generatedAt).toLocaleString('zh-CN') : ''}
            </List.Item>
          )}
        />
      }
    />
  );
}
