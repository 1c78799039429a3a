import { Alert, Button, Descriptions, Progress, Space, Tag, Typography } from 'antd';
import { useCallback, useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { call, subscribe } from '../api/client';
import { errorText } from '../i18n';
import { useShortcuts } from '../shortcuts';
import { batchErrorText, OUTCOME_COLOR, OUTCOMES, type Job, type Progress as P } from './types';

/** Time left in the UI's words (约 1 分 5 秒 / about 1 min 5 s); whole seconds, so 119.6 s is 2 min, not 1:60. */
const clock = (secs: number, t: (k: string, o: Record<string, number>) => string) => {
  const all = Math.round(secs);
  const m = Math.floor(all / 60);
  return m > 0 ? t('batch.etaMinSec', { m, s: all % 60 }) : t('batch.etaSec', { s: all });
};

/** Step 3: the run, live from batch.progress: rows done, rate, time left, pause / resume / cancel. */
export function RunStep({
  job,
  onChange,
  onError,
}: {
  job: Job;
  onChange: (j: Job) => void;
  onError: (e: string) => void;
}) {
  const { t } = useTranslation();
  const [p, setP] = useState<P | undefined>(job.progress);
  useEffect(
    () =>
      subscribe('batch.progress', (e) => {
        if (e.jobId !== job.id) return;
        setP(e);
        if (e.state !== job.state) void call('batch.get', { jobId: job.id }).then(onChange);
      }),
    [job.id, job.state, onChange],
  );
  // A short list may finish before the subscription is up: look once more, then every few seconds.
  useEffect(() => {
    const look = () =>
      void call('batch.get', { jobId: job.id })
        .then((j) => j.state !== job.state && onChange(j))
        .catch(() => undefined);
    look();
    const timer = setInterval(look, 3000);
    return () => clearInterval(timer);
  }, [job.id, job.state, onChange]);
  const act = useCallback(
    (op: 'batch.pause' | 'batch.resume' | 'batch.cancel') =>
      call(op, { jobId: job.id })
        .then(onChange)
        .catch((e: unknown) => onError(batchErrorText(e))),
    [job.id, onChange, onError],
  );
  const done = p?.done ?? Object.values(job.counts).reduce((a, b) => a + b, 0);
  const total = p?.total ?? job.total ?? 0;
  const counts = p?.counts ?? job.counts;
  const running = job.state === 'running' || job.state === 'ready';
  useShortcuts(useMemo(() => ({ 'Alt+P': () => void act(running ? 'batch.pause' : 'batch.resume') }), [act, running]));
  return (
    <Space direction="vertical" style={{ width: '100%' }} data-testid="batch-run">
      <Descriptions size="small" column={3}>
        <Descriptions.Item label={t('batch.number')}>{job.id}</Descriptions.Item>
        <Descriptions.Item label={t('batch.reason')}>{job.reason}</Descriptions.Item>
        <Descriptions.Item label={t('batch.state')}>
          <Tag data-testid="batch-state">{t(`batch.states.${job.state}`)}</Tag>
          {p?.via === 'single' && <Tag color="orange">{t('batch.viaSingle')}</Tag>}
        </Descriptions.Item>
      </Descriptions>
      {p?.error && job.state === 'paused' && (
        <Alert type="warning" showIcon title={errorText(p.error)} data-testid="batch-stopped" />
      )}
      <Progress
        percent={total ? Math.floor((done / total) * 100) : 0}
        status={running ? 'active' : 'normal'}
        data-testid="batch-progress"
      />
      <span data-testid="batch-rate">
        {/* A running job with no total is still counting its list (runner.ts): no "2 / 0". */}
        {running && !total
          ? t('batch.progressCounting', { done, rate: Math.round(p?.rate ?? 0) })
          : t('batch.progressLine', {
              done,
              total,
              rate: Math.round(p?.rate ?? 0),
              eta: running && p?.etaS !== undefined ? clock(p.etaS, t) : '—',
            })}
      </span>
      {/* The rows so far by outcome: a list going wrong (all "could not check") shows before it ends. */}
      <Space size={4} wrap data-testid="batch-tally">
        {OUTCOMES.map((o) => (
          <Tag key={o} color={OUTCOME_COLOR[o]} data-testid={`batch-tally-${o}`}>
            {t(`batch.outcomes.${o}`)} {(counts[o] ?? 0).toLocaleString()}
          </Tag>
        ))}
      </Space>
      <Space>
        {running ? (
          <Button onClick={() => void act('batch.pause')} title="Alt+P" data-testid="batch-pause">
            {t('batch.pause')}
          </Button>
        ) : (
          <Button type="primary" onClick={() => void act('batch.resume')} title="Alt+P" data-testid="batch-resume">
            {t('batch.resume')}
          </Button>
        )}
        <Button danger onClick={() => void act('batch.cancel')} data-testid="batch-cancel">
          {t('batch.cancel')}
        </Button>
        <Typography.Text type="secondary">{t('batch.keysRun')}</Typography.Text>
      </Space>
    </Space>
  );
}
