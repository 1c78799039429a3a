import { Button, Card, Space, Tag, Tooltip, Typography } from 'antd';
import { useCallback, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { TrainingCardsView } from '../../../electron/api/types';
import { call, subscribe } from '../api/client';
import { EconSwitches } from '../meanstest/EconSwitches';

/** Training only: the simulated reader's demo cards (click to place, click again to remove) and faults. */
export function TrainingPanel() {
  const { t } = useTranslation();
  const [view, setView] = useState<TrainingCardsView | null>(null);
  // A card read fires several events at once; one reload after they settle keeps the main thread
  // free for the case screen that the same read opens.
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const load = useCallback(() => {
    clearTimeout(timer.current);
    timer.current = setTimeout(
      () =>
        void call('training.cards', {})
          .then(setView)
          .catch(() => undefined),
      150,
    );
  }, []);
  useEffect(() => {
    load();
    const offs = [subscribe('card.placed', load), subscribe('card.removed', load), subscribe('reader.status', load)];
    return () => {
      offs.forEach((o) => o());
      clearTimeout(timer.current);
    };
  }, [load]);
  if (!view) return null;
  return (
    <Card size="small" className="training-panel" title={t('training.title')} data-testid="training-panel">
      <Typography.Paragraph type="secondary" style={{ marginBottom: 8 }}>
        {t('training.hint')}
      </Typography.Paragraph>
      <Space wrap size={[6, 6]}>
        {view.cards.map((c) => (
          // The note may cover the neighbouring cards: it lets clicks through, so a trainer can always
          // place the next card at once.
          <Tooltip key={c.id} title={c.label} rootClassName="demo-card-tip" mouseEnterDelay={0.4}>
            <Button
              size="small"
              type={view.placed === c.id ? 'primary' : 'default'}
              onClick={() => void call('training.toggleCard', { id: c.id }).then(setView)}
              data-testid={`demo-card-${c.id}`}
              data-name={c.name}
            >
              {c.name} {c.kind !== 'resident' && <Tag style={{ marginLeft: 4 }}>{t(`cardKind.${c.kind}`)}</Tag>}
            </Button>
          </Tooltip>
        ))}
      </Space>
      <Space wrap style={{ marginTop: 8 }}>
        <Typography.Text type="secondary">{t('training.faults')}</Typography.Text>
        {(['no_card', 'checksum', 'read_failed'] as const).map((kind) => (
          <Button
            key={kind}
            size="small"
            onClick={() => void call('training.fault', { kind }).then(setView)}
            data-testid={`fault-${kind}`}
          >
            {t(`training.fault_${kind}`)}
          </Button>
        ))}
        <Button
          size="small"
          danger={view.plugged}
          onClick={() => void call('training.fault', { kind: 'unplug' }).then(setView)}
          data-testid="fault-unplug"
        >
          {view.plugged ? t('training.unplug') : t('training.replug')}
        </Button>
      </Space>
      <EconSwitches />
    </Card>
  );
}
