import { Alert, Button, List, Tag } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CaseView } from '../../../electron/api/types';
import { call, subscribe } from '../api/client';
import { errorText } from '../i18n';

/**
 * Certificates issued but never confirmed printed (a crash, a power cut): finish or void each. A
 * job the spooler still held at start-up is followed again: its state shows here, and the entry
 * goes away by itself once it has printed.
 */
export function InterruptedList({ onOpen }: { onOpen: (c: CaseView) => void }) {
  const { t, i18n } = useTranslation();
  const [items, setItems] = useState<CaseView[]>([]);
  useEffect(() => {
    const load = () =>
      void call('case.interrupted', {})
        .then(setItems)
        .catch(() => undefined);
    load();
    // case.changed follows the completion being recorded; print.job alone can arrive before it.
    const offs = [subscribe('print.job', load), subscribe('case.changed', load)];
    return () => offs.forEach((off) => off());
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
            <List.Item
              actions={[
                <Button
                  key="open"
                  size="small"
                  onClick={() => onOpen(c)}
                  data-testid={`interrupted-${c.serial ?? c.caseId}`}
                >
                  {t('interrupted.open')}
                </Button>,
              ]}
            >
              {c.serial ?? c.caseId} · {c.card.name} ·{' '}
              {c.item ? (i18n.language === 'en' ? c.item.names.en : c.item.names.zh) : ''} ·{' '}
              {c.timings.generatedAt ? new Date(c.timings.generatedAt).toLocaleString('zh-CN') : ''}
              {c.job && (
                <Tag
                  style={{ marginLeft: 8 }}
                  color={c.job.state === 'error' ? 'red' : 'blue'}
                  data-testid={`interrupted-job-${c.serial ?? c.caseId}`}
                >
                  {t(`job.${c.job.state}`)}
                  {c.job.state === 'error' && c.job.code
                    ? ` · ${errorText({ code: c.job.code, params: c.job.params })}`
                    : ''}
                </Tag>
              )}
            </List.Item>
          )}
        />
      }
    />
  );
}
