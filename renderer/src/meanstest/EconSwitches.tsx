import { Button, Space, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { OpResult } from '../../../electron/api/contract';
import { call } from '../api/client';

type Sources = OpResult<'means.trainingSources'>;

/**
 * Training panel: one switch per economic source of the sandbox, so a trainer can show a source
 * down → its checks unknown and named missing → the source back → re-run → a conclusion.
 * Hidden when the terminal did not start the sandbox (no switches to give).
 */
export function EconSwitches() {
  const { t, i18n } = useTranslation();
  const [view, setView] = useState<Sources | null>(null);
  useEffect(() => {
    void call('means.trainingSources', {})
      .then(setView)
      .catch(() => undefined);
  }, []);
  if (!view) return null;
  const en = i18n.language === 'en';
  return (
    <Space wrap style={{ marginTop: 8 }} data-testid="econ-switches">
      <Typography.Text type="secondary">{t('training.econ')}</Typography.Text>
      {view.sources.map((s) => (
        <Button
          key={s.key}
          size="small"
          danger={s.down}
          type={s.down ? 'primary' : 'default'}
          data-testid={`econ-${s.key}`}
          data-down={s.down ? 'yes' : 'no'}
          onClick={() =>
            void call('means.trainingSourceDown', { source: s.key, down: !s.down })
              .then(setView)
              .catch(() => undefined)
          }
        >
          {en ? s.name.en : s.name.zh}
        </Button>
      ))}
    </Space>
  );
}
