import { DownloadOutlined, ReloadOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Col, Input, Row, Space, Statistic, Table, Tabs, Tag, Typography, message } from 'antd';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { HallStatsRow, HallStatsView, Language } from '../../../electron/api/types';
import { call } from '../api/client';
import { base64Bytes, download } from '../auth/download';
import { authErrorText } from '../auth/errors';
import { Chart } from './Chart';
import { barsPer, handlingBars, lineOver, satisfaction, satisfactionRows } from './charts';
import { PoolReads } from './PoolReads';
import { useHallStats } from './useHallStats';

/** Hall-local today (UTC+8), as the hall buckets its days. */
const hallDay = (ms = Date.now()) => new Date(ms + 8 * 3600_000).toISOString().slice(0, 10);
const pct = (x: number) => `${Math.round(x * 1000) / 10}%`;

/**
 * The supervisor's hall statistics (each clerk sees their own numbers for today: the terminal
 * scopes the call, services/hall/scope.ts). Counts, over time, per window, clerk and item,
 * handling time and satisfaction; every table exports to XLSX.
 */
export function HallStats({ supervisor }: { supervisor: boolean }) {
  const { t, i18n } = useTranslation();
  const today = hallDay();
  const [from, setFrom] = useState(hallDay(Date.now() - 29 * 86_400_000).slice(0, 8) + '01');
  const [to, setTo] = useState(today);
  const range = supervisor ? { from, to } : { from: today, to: today };
  const { data, error, loading, reload } = useHallStats(range.from, range.to, today);
  const [toast, holder] = message.useMessage();
  const total = data.total;
  // Hall-wide when the hall answered; this terminal's own otherwise (services/hall/stats-ops.ts).
  const badScope = t(`hallStats.badScope.${data.bad?.source === 'hall' ? 'hall' : 'terminal'}`);
  const levels = satisfactionRows(t, total);
  const rated = levels.filter((l) => l.key !== 'none').reduce((a, l) => a + l.value, 0);
  const satisfied = levels.slice(0, 2).reduce((a, l) => a + l.value, 0);

  const exportTable = async (by: HallStatsView['by']) => {
    try {
      const f = await call('hall.export', { ...range, by, lang: i18n.language as Language });
      download(f.fileName, base64Bytes(f.base64), 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    } catch (e) {
      void toast.error(authErrorText(e));
    }
  };
  const exportButton = (by: HallStatsView['by']) => (
    <Button
      size="small"
      icon={<DownloadOutlined />}
      onClick={() => void exportTable(by)}
      data-testid={`hall-export-${by}`}
    >
      XLSX
    </Button>
  );
  const countCols = useMemo(
    () => [
      { title: t('hallStats.accepted'), dataIndex: 'accepted' },
      { title: t('hallStats.completed'), dataIndex: 'completed' },
      { title: t('hallStats.rate'), dataIndex: 'completionRate', render: (v: number) => pct(v) },
      { title: t('hallStats.voided'), dataIndex: 'voided' },
      { title: t('hallStats.pending'), dataIndex: 'pending' },
      { title: t('hallStats.approved'), dataIndex: 'approved' },
      { title: t('hallStats.rejected'), dataIndex: 'rejected' },
      { title: t('hallStats.ratedBad'), dataIndex: 'ratedBad' },
    ],
    [t],
  );
  const table = (rows: HallStatsRow[], keyTitle: string, testId: string) => (
    <Table
      size="small"
      rowKey="key"
      pagination={false}
      data-testid={testId}
      dataSource={rows}
      columns={[{ title: keyTitle, dataIndex: 'key' }, ...countCols]}
    />
  );
  const per = (by: 'window' | 'clerk' | 'item', rows: HallStatsRow[]) => (
    <Card size="small" title={t(`hallStats.per.${by}`)} extra={exportButton(by)}>
      <Chart option={barsPer(t, rows)} testId={`hall-chart-${by}`} />
      {table(rows, t(`hallStats.per.${by}`), `hall-table-${by}`)}
    </Card>
  );

  return (
    <div className="hall-stats" data-testid="hall-stats">
      {holder}
      <Space wrap style={{ marginBottom: 12 }}>
        {supervisor ? (
          <>
            <Input
              type="date"
              value={from}
              max={to}
              onChange={(e) => setFrom(e.target.value)}
              data-testid="hall-from"
            />
            <Input type="date" value={to} min={from} onChange={(e) => setTo(e.target.value)} data-testid="hall-to" />
          </>
        ) : (
          <Tag color="blue" data-testid="hall-own-scope">
            {t('hallStats.ownToday', { day: today })}
          </Tag>
        )}
        <Button icon={<ReloadOutlined />} loading={loading} onClick={() => void reload()}>
          {t('hallStats.refresh')}
        </Button>
        {data.scope && (
          <Typography.Text type="secondary">
            {data.scope.from} — {data.scope.to}
          </Typography.Text>
        )}
      </Space>
      {error ? (
        <Alert
          type="error"
          showIcon
          title={authErrorText(error)}
          data-testid="hall-error"
          style={{ marginBottom: 12 }}
        />
      ) : null}
      <Row gutter={[12, 12]}>
        {(
          [
            ['accepted', total?.accepted ?? 0],
            ['completed', total?.completed ?? 0],
            ['rate', pct(total?.completionRate ?? 0)],
            ['voided', total?.voided ?? 0],
            ['pending', total?.pending ?? 0],
            ['approved', total?.approved ?? 0],
            ['rejected', total?.rejected ?? 0],
            ['badOpen', data.bad?.open ?? 0],
            ['badOverdue', data.bad?.overdue ?? 0],
          ] as const
        ).map(([k, v]) => (
          // Nine cards: flexible widths keep them on one row on a counter's screen instead of 8 + 1.
          <Col key={k} flex="1 0 128px">
            <Card size="small">
              <Statistic title={t(`hallStats.${k}`, { scope: badScope })} value={v} data-testid={`hall-count-${k}`} />
            </Card>
          </Col>
        ))}
      </Row>
      <Row gutter={[12, 12]} style={{ marginTop: 12 }}>
        <Col xs={24} lg={12}>
          <Card size="small" title={t('hallStats.perHour')} extra={exportButton('hour')}>
            <Chart option={lineOver(t, data.hour, true)} testId="hall-chart-hour" />
          </Card>
        </Col>
        <Col xs={24} lg={12}>
          <Card size="small" title={t('hallStats.perDay')} extra={exportButton('day')}>
            <Chart option={lineOver(t, data.day, false, range)} testId="hall-chart-day" />
          </Card>
        </Col>
      </Row>
      <Tabs
        style={{ marginTop: 12 }}
        items={[
          { key: 'window', label: t('hallStats.per.window'), children: per('window', data.window) },
          { key: 'clerk', label: t('hallStats.per.clerk'), children: per('clerk', data.clerk) },
          { key: 'item', label: t('hallStats.per.item'), children: per('item', data.item) },
          {
            key: 'handling',
            label: t('hallStats.handling'),
            children: (
              <Card size="small" title={t('hallStats.handling')} extra={exportButton('handling')}>
                <Chart option={handlingBars(t, data.handling, (k) => k)} testId="hall-chart-handling" />
                <Table
                  size="small"
                  rowKey="itemCode"
                  pagination={false}
                  dataSource={data.handling}
                  columns={[
                    { title: t('hallStats.per.item'), dataIndex: 'itemCode' },
                    { title: t('hallStats.cases'), dataIndex: 'cases' },
                    {
                      title: t('hallStats.median'),
                      dataIndex: 'medianMs',
                      render: (v: number) => `${Math.round(v / 1000)} s`,
                    },
                    { title: 'P90', dataIndex: 'p90Ms', render: (v: number) => `${Math.round(v / 1000)} s` },
                  ]}
                />
              </Card>
            ),
          },
          {
            key: 'satisfaction',
            label: t('hallStats.satisfaction'),
            children: (
              <Card
                size="small"
                title={t('hallStats.satisfaction')}
                extra={
                  <Typography.Text data-testid="hall-satisfied-rate">
                    {t('hallStats.satisfiedRate')}: {rated ? pct(satisfied / rated) : '—'}
                  </Typography.Text>
                }
              >
                <Chart option={satisfaction(t, total)} testId="hall-chart-satisfaction" />
                <Table
                  size="small"
                  rowKey="key"
                  pagination={false}
                  data-testid="hall-table-satisfaction"
                  dataSource={levels}
                  columns={[
                    {
                      title: t('hallStats.level'),
                      dataIndex: 'name',
                      render: (v: string, r) => <Tag color={r.color}>{v}</Tag>,
                    },
                    { title: t('hallStats.cases'), dataIndex: 'value' },
                    {
                      title: t('hallStats.share'),
                      dataIndex: 'value',
                      key: 'share',
                      render: (v: number, r) => (r.key === 'none' || !rated ? '' : pct(v / rated)),
                    },
                  ]}
                />
              </Card>
            ),
          },
          ...(supervisor ? [{ key: 'pool', label: t('hallStats.poolReads'), children: <PoolReads /> }] : []),
        ]}
      />
    </div>
  );
}
